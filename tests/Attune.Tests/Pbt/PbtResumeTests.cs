using Attune.Pbt;

namespace Attune.Tests.Pbt;

public sealed class PbtResumeTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "attune-pbt-tests", Guid.NewGuid().ToString("N"));

    private static PbtOptions Options => new() { PopulationSize = 4, PerturbationInterval = 5, TotalSteps = 4 * 50, Seed = 4 };

    public PbtResumeTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_run_that_throws_mid_segment_resumes_from_the_study_and_the_checkpoints_to_the_same_result()
    {
        var reference = await UninterruptedAsync();
        var journal = Path.Combine(directory, "study.jsonl");
        var thrown = false;
        Task Hook(PbtSegment segment, CancellationToken ct)
        {
            if (segment.Member == 2 && segment.Generation == 6 && !thrown)
            {
                thrown = true;
                throw new IOException("disk on fire");
            }

            return Task.CompletedTask;
        }

        using (var study = Open(journal))
        {
            var runner = new PopulationBasedTraining(study, ToyMember.Space, s => new HookedMember(new ToyMember(), s, Hook), Options, new DirectoryCheckpointStore(Path.Combine(directory, "checkpoints")));
            var e = await Assert.ThrowsAsync<IOException>(() => runner.RunAsync());
            Assert.Equal("disk on fire", e.Message);
            var failed = Assert.Single(PbtHistory.Load(study).Segments, s => s.State == TrialState.Fail);
            Assert.Equal((2, 6), (failed.Member, failed.Generation));
        }

        // A new process: the study and the checkpoints from storage only.
        using (var study = Open(journal))
        {
            var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), Options, new DirectoryCheckpointStore(Path.Combine(directory, "checkpoints"))).RunAsync();
            Assert.Equal(reference, Scores(result.History));
            var failed = Assert.Single(result.History.Segments, s => s.State == TrialState.Fail);
            var retried = result.History.Members[2].Segments[6];
            Assert.Equal(failed.LoadedCheckpoint, retried.LoadedCheckpoint);
            Assert.True(retried.TrialNumber > failed.TrialNumber);
        }
    }

    [Fact]
    public async Task A_cancelled_run_resumes_to_the_same_result()
    {
        var reference = await UninterruptedAsync();
        var journal = Path.Combine(directory, "study.jsonl");
        using var cancel = new CancellationTokenSource();
        async Task Hook(PbtSegment segment, CancellationToken ct)
        {
            if (segment.Member == 1 && segment.Generation == 3)
            {
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
            }
        }

        using (var study = Open(journal))
        {
            var runner = new PopulationBasedTraining(study, ToyMember.Space, s => new HookedMember(new ToyMember(), s, Hook), Options with { Parallelism = 2 }, new DirectoryCheckpointStore(Path.Combine(directory, "checkpoints")));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(cancel.Token));
            Assert.DoesNotContain(PbtHistory.Load(study).Segments, s => s.State == TrialState.Running);
        }

        using (var study = Open(journal))
        {
            var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), Options, new DirectoryCheckpointStore(Path.Combine(directory, "checkpoints"))).RunAsync();
            Assert.Equal(reference, Scores(result.History));
            Assert.All(result.History.Members, m => Assert.Equal(10, m.CompletedGenerations));
        }
    }

    [Fact]
    public async Task Segments_left_running_by_a_runner_that_died_are_retried_by_a_runner_told_to_fail_them()
    {
        var reference = await UninterruptedAsync();
        var journal = Path.Combine(directory, "study.jsonl");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Hang(PbtSegment segment, CancellationToken ct)
        {
            if (segment.Member == 3 && segment.Generation == 4)
            {
                entered.SetResult();
                await hung.Task; // a process that stopped answering: it neither finishes nor fails its segment
            }
        }

        using var dead = Open(journal);
        var deadRun = new PopulationBasedTraining(dead, ToyMember.Space, s => new HookedMember(new ToyMember(), s, Hang), Options, new DirectoryCheckpointStore(Path.Combine(directory, "checkpoints"))).RunAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Single(PbtHistory.Load(dead).Segments, s => s.State == TrialState.Running);

        using (var study = Open(journal))
        {
            var options = Options with { FailRunningSegmentsOnStart = true };
            var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, new DirectoryCheckpointStore(Path.Combine(directory, "checkpoints"))).RunAsync();
            Assert.Equal(reference, Scores(result.History));
            var failed = Assert.Single(result.History.Segments, s => s.State == TrialState.Fail);
            Assert.Equal((3, 4), (failed.Member, failed.Generation));
        }

        hung.SetException(new IOException("the dead runner wakes up"));
        await Assert.ThrowsAsync<IOException>(() => deadRun);
    }

    private static Study Open(string journal) =>
        Study.Create(new StudyOptions { Name = "pbt", Storage = "journal:" + journal, LoadIfExists = true, Direction = StudyDirection.Maximize });

    private static double[] Scores(PbtHistory history) => history.Members.SelectMany(m => m.Segments.Select(s => s.Score!.Value)).ToArray();

    private static async Task<double[]> UninterruptedAsync()
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var result = await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), Options, new InMemoryCheckpointStore()).RunAsync();
        return Scores(result.History);
    }
}
