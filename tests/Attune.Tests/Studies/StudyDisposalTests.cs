using Attune.Storage.InMemory;
using Attune.Tests.Storage.Journal;

namespace Attune.Tests.Studies;

public class StudyDisposalTests
{
    [Fact]
    public void A_study_opened_from_a_url_releases_its_storage_on_dispose()
    {
        using var dir = new TempDirectory();
        var url = "journal:" + dir.File("s.journal");
        var study = Study.Create(new StudyOptions { Name = "s", Storage = url });
        study.Tell(study.Ask(), 1.0);
        study.Dispose();
        Assert.Throws<ObjectDisposedException>(() => study.Trials);
        study.Dispose(); // idempotent

        using var loaded = Study.Load("s", url);
        Assert.Single(loaded.Trials);
        Assert.Single(Study.ListStudies(url));
        using var copy = Study.Copy("s", url, url, "s2");
        Assert.Single(copy.Trials);
        Study.Delete("s2", url);
        Assert.Single(Study.ListStudies(url));
    }

    [Fact]
    public void A_storage_passed_as_an_object_stays_open()
    {
        var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions { Name = "s", StorageInstance = storage });
        study.Dispose();
        using var again = Study.Load("s", storage);
        again.Tell(again.Ask(), 2.0);
        Assert.Single(again.Trials);
    }

    [Fact]
    public void A_failed_create_or_load_from_a_url_does_not_leak_the_storage()
    {
        using var dir = new TempDirectory();
        var url = "journal:" + dir.File("s.journal");
        using (Study.Create(new StudyOptions { Name = "s", Storage = url }))
        {
        }

        Assert.Throws<DuplicateStudyException>(() => Study.Create(new StudyOptions { Name = "s", Storage = url }));
        Assert.Throws<StudyNotFoundException>(() => Study.Load("missing", url));
        Assert.False(File.Exists(dir.File("s.journal.lock")));
    }
}
