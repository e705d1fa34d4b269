using Attune.Samplers;

namespace Attune.Tests.Storage.Journal;

/// <summary>Studies on <c>journal:PATH</c> URLs: created, optimized, and resumed by a fresh storage.</summary>
public sealed class JournalStudyTests
{
    [Fact]
    public void A_study_resumes_from_its_journal_with_the_same_trials_and_best()
    {
        using var dir = new TempDirectory();
        var url = "journal:" + dir.File("study.journal");
        var study = Study.Create(new StudyOptions { Name = "s", Storage = url, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 7 }) });
        study.Optimize(t => Math.Pow(t.SuggestFloat("x", -3, 3) - 1, 2) + t.SuggestInt("k", 0, 4), new OptimizeOptions { Trials = 20 });
        var best = study.BestTrial;

        var loaded = Study.Load("s", url);
        Assert.Equal(20, loaded.Trials.Count);
        Assert.Equal(best.Number, loaded.BestTrial.Number);
        Assert.Equal(best.Value, loaded.BestValue);
        Assert.Equal(best.Params["x"], loaded.BestParams["x"]);
        Assert.Equal(best.Params["k"], loaded.BestParams["k"]);

        var again = Study.Create(new StudyOptions { Name = "s", Storage = url, LoadIfExists = true });
        again.Optimize(t => t.SuggestFloat("x", -3, 3), new OptimizeOptions { Trials = 5 });
        Assert.Equal(Enumerable.Range(0, 25), Study.Load("s", url).Trials.Select(t => t.Number));
        Assert.Equal(25, study.Trials.Count);
        Assert.Throws<DuplicateStudyException>(() => Study.Create(new StudyOptions { Name = "s", Storage = url }));
    }

    [Fact]
    public void Study_listing_copy_and_delete_work_on_a_journal()
    {
        using var dir = new TempDirectory();
        var url = "journal:" + dir.File("list.journal");
        var study = Study.Create(new StudyOptions { Name = "a", Storage = url });
        study.SetUserAttr("owner", "me");
        study.Optimize(t => t.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 3 });
        Study.Copy("a", url, url, "b");

        var summaries = Study.ListStudies(url);
        Assert.Equal(["a", "b"], summaries.Select(s => s.Name));
        Assert.Equal(Study.Load("a", url).Trials.Select(t => t.Value), Study.Load("b", url).Trials.Select(t => t.Value));

        Study.Delete("a", url);
        Assert.Equal(["b"], Study.ListStudies(url).Select(s => s.Name));
        Assert.Throws<StudyNotFoundException>(() => Study.Load("a", url));

        // A new study with the deleted name gets a new id, as in Optuna.
        Study.Create(new StudyOptions { Name = "a", Storage = url });
        Assert.Equal(2, Attune.Storage.StorageUrl.Open(url).FindStudy("a"));
    }
}
