using Attune.Storage.Relational;
using Attune.Tests.Storage.Journal;
using Attune.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Storage.Tests.Relational;

/// <summary><see cref="RelationalStorageOptions.ParameterWriteDelay"/> on SQLite: buffered parameters reach other processes within the delay.</summary>
public sealed class DeferredParameterWriteTests
{
    [Fact]
    public void A_running_trials_parameters_are_written_on_their_own_when_the_delay_ends()
    {
        using var dir = new TempDirectory();
        var path = dir.File("deferred.db");
        var time = new FakeTimeProvider();
        using var writer = SqliteStorage.Open(path, new() { TimeProvider = time });
        using var reader = SqliteStorage.Open(path);
        var studyId = writer.CreateStudy("s", [StudyDirection.Minimize]);

        // The first parameter of a name is written at once (its distribution is checked against the study's).
        var first = writer.CreateTrial(studyId);
        writer.SetTrialParam(first.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        writer.SetTrialStateValues(first.TrialId, TrialState.Complete, [1.0]);

        var running = writer.CreateTrial(studyId);
        writer.SetTrialParam(running.TrialId, "x", 0.25, new FloatDistribution(0, 1));
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Empty(reader.GetTrial(running.TrialId).Params);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var seen = reader.GetTrial(running.TrialId);
        Assert.Equal(TrialState.Running, seen.State);
        Assert.Equal(0.25, seen.Params["x"]);

        writer.SetTrialStateValues(running.TrialId, TrialState.Complete, [2.0]);
        Assert.Equal(new Dictionary<string, double> { ["x"] = 0.25 }, reader.GetTrial(running.TrialId).InternalParams);
    }

    [Fact]
    public void A_zero_delay_writes_each_parameter_at_once_and_a_negative_one_is_rejected()
    {
        using var dir = new TempDirectory();
        var path = dir.File("zero.db");
        using var writer = SqliteStorage.Open(path, new() { ParameterWriteDelay = TimeSpan.Zero });
        using var reader = SqliteStorage.Open(path);
        var studyId = writer.CreateStudy("s", [StudyDirection.Minimize]);
        for (var i = 0; i < 2; i++)
        {
            var trial = writer.CreateTrial(studyId);
            writer.SetTrialParam(trial.TrialId, "x", 0.25, new FloatDistribution(0, 1));
            Assert.Equal(0.25, reader.GetTrial(trial.TrialId).Params["x"]);
            writer.SetTrialStateValues(trial.TrialId, TrialState.Complete, [1.0]);
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SqliteStorage.Open(dir.File("bad.db"), new() { ParameterWriteDelay = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("ParameterWriteDelay", error.Message, StringComparison.Ordinal);
    }
}
