using Attune.Pbt;

namespace Attune.Tests.Pbt;

public sealed class PbtMultiRunnerTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "attune-pbt-tests", Guid.NewGuid().ToString("N"));

    public PbtMultiRunnerTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(PbtMode.Synchronous)]
    [InlineData(PbtMode.Asynchronous)]
    public async Task Two_runners_on_one_journal_file_train_each_segment_once(PbtMode mode)
    {
        var journal = "journal:" + Path.Combine(directory, "study.jsonl");
        var checkpoints = Path.Combine(directory, "checkpoints");
        var options = new PbtOptions { PopulationSize = 6, PerturbationInterval = 2, TotalSteps = 6 * 30, Seed = 11, Mode = mode, Parallelism = 2, PollInterval = TimeSpan.FromMilliseconds(5) };
        Study Open() => Study.Create(new StudyOptions { Name = "shared", Storage = journal, LoadIfExists = true, Direction = StudyDirection.Maximize });

        // Each runner has its own storage object over the file and its own checkpoint store object over the directory, as two processes would.
        using var first = Open();
        using var second = Open();
        var runs = new[] { first, second }.Select(study => Task.Run(() =>
            new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, new DirectoryCheckpointStore(checkpoints)).RunAsync()));
        await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(120));

        using var reader = Open();
        var history = PbtHistory.Load(reader);
        var complete = history.Segments.Where(s => s.State == TrialState.Complete).ToArray();
        Assert.Equal(6 * 15, complete.Length);
        Assert.Equal(6 * 15, complete.Select(s => (s.Member, s.Generation)).Distinct().Count());
        // A runner loses a claim to the other, or (asynchronous mode only) finds that the other deleted the checkpoint it chose.
        Assert.All(history.Segments.Where(s => s.State == TrialState.Fail), s =>
        {
            var reason = (string)reader.Trials[s.TrialNumber].SystemAttrs[Study.FailReasonKey]!;
            Assert.True(reason.StartsWith("Duplicate claim", StringComparison.Ordinal) || (mode == PbtMode.Asynchronous && reason.StartsWith("Checkpoint", StringComparison.Ordinal)), reason);
        });
        Assert.All(history.Members, m => Assert.Equal(15, m.CompletedGenerations));
        Assert.All(history.Members, m => Assert.True(File.Exists(Path.Combine(checkpoints, m.Latest!.Checkpoint + ".ckpt"))));
    }
}
