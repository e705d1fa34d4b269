using Attune.Pbt;
using Attune.Tests.Pbt;
using Xunit.Abstractions;

namespace Attune.Storage.Tests.Contract;

/// <summary>Population-based training recorded in a study on each shared storage.</summary>
public sealed class PbtOnStoragesTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("redis")]
    public async Task A_seeded_run_records_the_same_segments_as_in_memory_and_resumes_from_them(string storage)
    {
        using var target = storage == "sqlite" ? new SqliteTarget() : StorageTarget.OnServer(storage, output);
        if (target?.Url is not { } url)
        {
            return;
        }

        using var dir = new TempDirectory();
        var options = new PbtOptions { PopulationSize = 4, PerturbationInterval = 5, TotalSteps = 4 * 30, Seed = 7 };
        var checkpoints = new DirectoryCheckpointStore(dir.File("checkpoints"));

        double[] onStorage;
        using (var study = Study.Create(new StudyOptions { Name = "pbt", Storage = url, Direction = StudyDirection.Maximize }))
        {
            var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, checkpoints).RunAsync();
            onStorage = Scores(result.History);
        }

        using (var memory = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize }))
        {
            var result = await new PopulationBasedTraining(memory, ToyMember.Space, _ => new ToyMember(), options, new InMemoryCheckpointStore()).RunAsync();
            Assert.Equal(Scores(result.History), onStorage);
        }

        // Reopened: the history reads back with its lineage, and a runner finds nothing left to do.
        using (var reopened = Study.Load("pbt", url))
        {
            var history = PbtHistory.Load(reopened);
            Assert.Equal(onStorage, Scores(history));
            var best = history.BestFinal(StudyDirection.Maximize)!;
            Assert.Equal(6, history.Lineage(best.TrialNumber).Count);
            var again = await new PopulationBasedTraining(reopened, ToyMember.Space, _ => new ToyMember(), options, checkpoints).RunAsync();
            Assert.Equal(history.Segments.Count, again.History.Segments.Count);
        }
    }

    private static double[] Scores(PbtHistory history) => history.Members.SelectMany(m => m.Segments.Select(s => s.Score!.Value)).ToArray();
}
