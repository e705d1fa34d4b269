using System.Collections.Concurrent;
using Attune.Diagnostics;

namespace Attune;

/// <summary>Heartbeats of running trials, and failing the trials of workers that died.</summary>
public sealed partial class Study
{
    /// <summary>The fail reason recorded on a trial failed because its heartbeat went stale.</summary>
    public const string StaleTrialFailReason = "The trial's heartbeat stopped: its worker died or lost the storage for longer than the grace period.";

    private readonly ConcurrentDictionary<int, HeartbeatTimer> heartbeats = new();

    /// <summary>How often running trials record a heartbeat; <see langword="null"/> when heartbeats are off.</summary>
    public TimeSpan? HeartbeatInterval { get; private init; }

    /// <summary>How long after its last heartbeat a running trial counts as abandoned; <see langword="null"/> when heartbeats are off.</summary>
    public TimeSpan? GracePeriod { get; private init; }

    /// <summary>Called with each trial this study fails because its heartbeat went stale.</summary>
    public Action<Study, TrialRecord>? FailedTrialCallback { get; private init; }

    /// <summary>
    /// Fails the study's running trials whose heartbeat is older than <see cref="GracePeriod"/> (Optuna's
    /// <c>fail_stale_trials</c>), then calls <see cref="FailedTrialCallback"/> for each. <see cref="Ask()"/> does this
    /// by itself when heartbeats are on; trials this study object is running are left alone. Of several workers that
    /// find the same stale trial, exactly one fails it and calls the callback.
    /// </summary>
    /// <returns>The trials this call failed.</returns>
    /// <exception cref="InvalidOperationException">Heartbeats are off (<see cref="StudyOptions.HeartbeatInterval"/> is not set).</exception>
    public IReadOnlyList<TrialRecord> FailStaleTrials()
    {
        if (GracePeriod is not { } grace)
        {
            throw new InvalidOperationException($"Study '{Name}' has no heartbeats; set StudyOptions.HeartbeatInterval to detect stale trials.");
        }

        var failed = new List<TrialRecord>();
        foreach (var trialId in StorageBackend.GetStaleTrialIds(studyId, grace))
        {
            if (IsRunningHere(trialId))
            {
                continue;
            }

            try
            {
                StorageBackend.SetTrialSystemAttr(trialId, FailReasonKey, StaleTrialFailReason);
                StorageBackend.SetTrialStateValues(trialId, TrialState.Fail, null);
            }
            catch (InvalidOperationException)
            {
                // Another worker failed it first (or its own worker finished it just now).
                continue;
            }

            var record = StorageBackend.GetTrial(trialId);
            Log.StaleTrialFailed(Logger, record.Number, grace);
            AttuneTelemetry.RecordFinished(Name, record);
            failed.Add(record);
        }

        foreach (var record in failed)
        {
            FailedTrialCallback?.Invoke(this, record);
        }

        return failed;
    }

    private static TimeSpan? CheckHeartbeatOptions(StudyOptions options)
    {
        if (options.HeartbeatInterval is not { } interval)
        {
            if (options.GracePeriod is not null || options.FailedTrialCallback is not null)
            {
                throw new ArgumentException("GracePeriod and FailedTrialCallback need HeartbeatInterval.", nameof(options));
            }

            return null;
        }

        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"HeartbeatInterval must be positive, but got {interval}.", nameof(options));
        }

        var grace = options.GracePeriod ?? interval * 2;
        if (grace <= TimeSpan.Zero)
        {
            throw new ArgumentException($"GracePeriod must be positive, but got {grace}.", nameof(options));
        }

        return grace;
    }

    private bool IsRunningHere(int trialId)
    {
        foreach (var trial in activeTrials.Values)
        {
            if (trial.TrialId == trialId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records a first heartbeat for a trial that just started, and keeps beating until it finishes.</summary>
    private void StartHeartbeat(Trial trial)
    {
        if (HeartbeatInterval is not { } interval)
        {
            return;
        }

        StorageBackend.RecordHeartbeat(trial.TrialId);
        var beat = new HeartbeatTimer(this, trial);
        heartbeats[trial.Number] = beat;
        beat.Start(interval);
    }

    private void StopHeartbeat(Trial trial)
    {
        if (heartbeats.TryRemove(trial.Number, out var beat))
        {
            beat.Dispose();
        }
    }

    /// <summary>A <see cref="TimeProvider"/> timer that records a trial's heartbeat; beats never overlap.</summary>
    private sealed class HeartbeatTimer(Study study, Trial trial) : IDisposable
    {
        private readonly Lock gate = new();
        private ITimer? timer;
        private int beating;
        private bool disposed;

        public void Start(TimeSpan interval)
        {
            lock (gate)
            {
                if (!disposed)
                {
                    timer = study.Time.CreateTimer(_ => Beat(), null, interval, interval);
                }
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                disposed = true;
                timer?.Dispose();
                timer = null;
            }
        }

        private void Beat()
        {
            if (Interlocked.Exchange(ref beating, 1) == 1)
            {
                return;
            }

            try
            {
                lock (gate)
                {
                    if (disposed)
                    {
                        return;
                    }
                }

                study.StorageBackend.RecordHeartbeat(trial.TrialId);
            }
            catch (Exception e)
            {
                Log.HeartbeatFailed(study.Logger, trial.Number, e);
            }
            finally
            {
                Volatile.Write(ref beating, 0);
            }
        }
    }
}
