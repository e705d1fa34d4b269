using Attune.Pbt;
using Attune.Tests.Pbt;

namespace Attune.Storage.Tests.Relational;

/// <summary>Population-based training recorded in a SQLite study.</summary>
public sealed class PbtOnSqliteTests
{
    [Fact]
    public async Task A_seeded_run_on_sqlite_records_the_same_segments_as_in_memory_and_resumes_from_them()
    {
        using var dir = new TempDirectory();
        var options = new PbtOptions { PopulationSize = 4, PerturbationInterval = 5, TotalSteps = 4 * 30, Seed = 7 };
        var url = "sqlite:" + dir.File("pbt.db");
        var checkpoints = new DirectoryCheckpointStore(dir.File("checkpoints"));

        double[] onSqlite;
        using (var study = Study.Create(new StudyOptions { Name = "pbt", Storage = url, Direction = StudyDirection.Maximize }))
        {
            var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, checkpoints).RunAsync();
            onSqlite = Scores(result.History);
        }

        using (var memory = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize }))
        {
            var result = await new PopulationBasedTraining(memory, ToyMember.Space, _ => new ToyMember(), options, new InMemoryCheckpointStore()).RunAsync();
            Assert.Equal(Scores(result.History), onSqlite);
        }

        // Reopened: the history reads back with its lineage, and a runner finds nothing left to do.
        using (var reopened = Study.Load("pbt", url))
        {
            var history = PbtHistory.Load(reopened);
            Assert.Equal(onSqlite, Scores(history));
            var best = history.BestFinal(StudyDirection.Maximize)!;
            Assert.Equal(6, history.Lineage(best.TrialNumber).Count);
            var again = await new PopulationBasedTraining(reopened, ToyMember.Space, _ => new ToyMember(), options, checkpoints).RunAsync();
            Assert.Equal(history.Segments.Count, again.History.Segments.Count);
        }
    }

    private static double[] Scores(PbtHistory history) => history.Members.SelectMany(m => m.Segments.Select(s => s.Score!.Value)).ToArray();
}
