using Attune.Storage.Journal;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Tests.Storage.Journal;

/// <summary><see cref="JournalStorageOptions.ParameterWriteDelay"/>: buffered parameters reach other processes within the delay.</summary>
public sealed class DeferredParameterWriteTests
{
    private static readonly JournalFileBackendOptions Fast = new() { Durable = false };

    [Fact]
    public void A_running_trials_parameters_are_appended_on_their_own_when_the_delay_ends()
    {
        using var dir = new TempDirectory();
        var path = dir.File("deferred.journal");
        var time = new FakeTimeProvider();
        using var writer = new JournalStorage(new JournalFileBackend(path, Fast), new() { TimeProvider = time });
        using var reader = new JournalStorage(new JournalFileBackend(path, Fast));
        var studyId = writer.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = writer.CreateTrial(studyId);

        writer.SetTrialParam(trial.TrialId, "x", 0.25, new FloatDistribution(-1, 1));
        time.Advance(TimeSpan.FromMilliseconds(60));
        writer.SetTrialParam(trial.TrialId, "k", 3, new IntDistribution(0, 9));
        time.Advance(TimeSpan.FromMilliseconds(39));
        Assert.Empty(reader.GetTrial(trial.TrialId).Params);

        // The delay runs from the first buffered parameter: both go in one append 100 ms after it.
        time.Advance(TimeSpan.FromMilliseconds(1));
        var seen = reader.GetTrial(trial.TrialId);
        Assert.Equal(TrialState.Running, seen.State);
        Assert.Equal(new Dictionary<string, double> { ["x"] = 0.25, ["k"] = 3 }, seen.InternalParams);

        // A later parameter starts a new delay; the trial's end still carries whatever is left.
        writer.SetTrialParam(trial.TrialId, "y", 0.5, new FloatDistribution(0, 1));
        writer.SetTrialStateValues(trial.TrialId, TrialState.Complete, [1.0]);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0.5, reader.GetTrial(trial.TrialId).Params["y"]);
        Assert.Equal(TrialState.Complete, reader.GetTrial(trial.TrialId).State);
    }

    [Fact]
    public void A_zero_delay_appends_each_parameter_at_once()
    {
        using var dir = new TempDirectory();
        var path = dir.File("zero.journal");
        using var writer = new JournalStorage(new JournalFileBackend(path, Fast), new() { ParameterWriteDelay = TimeSpan.Zero });
        using var reader = new JournalStorage(new JournalFileBackend(path, Fast));
        var trial = writer.CreateTrial(writer.CreateStudy("s", [StudyDirection.Minimize]));

        writer.SetTrialParam(trial.TrialId, "x", 0.25, new FloatDistribution(-1, 1));
        Assert.Equal(0.25, reader.GetTrial(trial.TrialId).Params["x"]);
    }

    [Fact]
    public void A_negative_delay_is_rejected_with_its_name()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new JournalStorage(new JournalFileBackend(dir.File("bad.journal"), Fast), new() { ParameterWriteDelay = TimeSpan.FromMilliseconds(-5) }));
        Assert.Contains("ParameterWriteDelay", error.Message, StringComparison.Ordinal);
    }
}
