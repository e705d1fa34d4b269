using System.Globalization;
using Attune.Pbt;
using Attune.Tests.Storage.Journal;
using Xunit.Abstractions;

namespace Attune.Tests.Pbt;

/// <summary>Two processes (tests/Attune.JournalWorker) training one population through a journal file and a checkpoint directory.</summary>
public sealed class PbtMultiProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "attune-pbt-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Two_processes_share_the_run_and_train_each_segment_once()
    {
        Directory.CreateDirectory(directory);
        var journal = Path.Combine(directory, "pbt.journal");
        var checkpoints = Path.Combine(directory, "checkpoints");
        var go = Path.Combine(directory, "go");
        var ready = new[] { new TaskCompletionSource(), new TaskCompletionSource() };
        var workers = ready.Select(r => WorkerProcess.RunAsync(["pbt", journal, checkpoints, go], r)).ToArray();
        await Task.WhenAll(ready.Select(r => r.Task)).WaitAsync(TimeSpan.FromMinutes(2));
        await File.WriteAllTextAsync(go, string.Empty);
        var results = await Task.WhenAll(workers);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"worker exited with {r.ExitCode}: {r.Errors}"));

        using var study = Study.Create(new StudyOptions { Name = "pbt", Storage = "journal:" + journal, LoadIfExists = true, Direction = StudyDirection.Maximize });
        var history = PbtHistory.Load(study);
        var complete = history.Segments.Where(s => s.State == TrialState.Complete).ToArray();
        Assert.Equal(6 * 15, complete.Length);
        Assert.Equal(6 * 15, complete.Select(s => (s.Member, s.Generation)).Distinct().Count());
        Assert.All(history.Members, m => Assert.True(File.Exists(Path.Combine(checkpoints, m.Latest!.Checkpoint + ".ckpt"))));
        var trained = results.Select(r => int.Parse(r.Output.Split('\n')[^1], CultureInfo.InvariantCulture)).ToArray();
        var reasons = history.Segments.Where(s => s.State == TrialState.Fail).Select(s => (string)study.Trials[s.TrialNumber].SystemAttrs[Study.FailReasonKey]!).ToArray();
        Assert.All(reasons, r => Assert.True(r.StartsWith("Duplicate claim", StringComparison.Ordinal) || r.StartsWith("Checkpoint", StringComparison.Ordinal), r));
        output.WriteLine($"Segments trained by each process: {string.Join(", ", trained)}; failed claims: {reasons.Length}.");
        Assert.Equal(complete.Length + reasons.Count(r => r.StartsWith("Checkpoint", StringComparison.Ordinal)), trained.Sum());
        Assert.All(trained, n => Assert.True(n > 0, "both processes train segments"));
    }
}
