using Attune.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Tests.Studies;

/// <summary>Heartbeats on a fake clock: live trials keep beating, abandoned ones are failed once and retried.</summary>
public sealed class HeartbeatTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_running_trial_beats_on_the_clock_and_an_abandoned_one_is_failed_and_retried()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(time);
        var retried = new List<TrialRecord>();
        Study Worker() => Study.Create(new StudyOptions
        {
            Name = "s",
            StorageInstance = storage,
            LoadIfExists = true,
            TimeProvider = time,
            HeartbeatInterval = TimeSpan.FromSeconds(10),
            FailedTrialCallback = (study, trial) =>
            {
                retried.Add(trial);
                new RetryFailedTrialCallback(maxRetry: 1).Invoke(study, trial);
            },
        });
        var live = Worker();
        var other = Worker();
        Assert.Equal(TimeSpan.FromSeconds(20), live.GracePeriod);

        // A worker that died after its first heartbeat.
        var abandoned = storage.CreateTrial(live.StudyId);
        storage.SetTrialParam(abandoned.TrialId, "x", 0.25, new FloatDistribution(0, 1));
        storage.RecordHeartbeat(abandoned.TrialId);

        var running = live.Ask();
        running.SuggestFloat("x", 0, 1);
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal([abandoned.TrialId], storage.GetStaleTrialIds(live.StudyId, TimeSpan.FromSeconds(20)));
        var next = other.Ask();

        var failed = Assert.Single(retried);
        Assert.Equal(abandoned.TrialId, failed.TrialId);
        Assert.Equal(TrialState.Fail, storage.GetTrial(abandoned.TrialId).State);
        Assert.Equal(TrialState.Running, storage.GetTrial(running.TrialId).State);
        Assert.Equal(abandoned.Number, RetryFailedTrialCallback.RetriedTrialNumber(next.ToRecord()));
        Assert.Equal(0.25, next.SuggestFloat("x", 0, 1));

        // The retry is abandoned too: with maxRetry 1 it is not retried again.
        time.Advance(TimeSpan.FromSeconds(100));
        other.Tell(next, 1.0);
        live.Tell(running, 2.0);
        var lost = storage.CreateTrial(live.StudyId, new TrialRecord
        {
            State = TrialState.Waiting,
            SystemAttrs = new Dictionary<string, object?> { [RetryFailedTrialCallback.FailedTrialKey] = 0L, [RetryFailedTrialCallback.RetryHistoryKey] = new List<object?> { 0L } },
        });
        storage.PopWaitingTrial(live.StudyId);
        storage.RecordHeartbeat(lost.TrialId);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(live.FailStaleTrials());
        Assert.Equal(2, retried.Count);
        Assert.DoesNotContain(storage.GetAllTrials(live.StudyId), t => t.State == TrialState.Waiting);
    }

    [Fact]
    public void Heartbeat_settings_are_checked()
    {
        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { HeartbeatInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), GracePeriod = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { GracePeriod = TimeSpan.FromSeconds(1) }));
        Assert.Throws<InvalidOperationException>(() => Study.Create().FailStaleTrials());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryFailedTrialCallback(maxRetry: -1));
    }
}
