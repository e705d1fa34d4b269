namespace Attune.Storage.Relational;

/// <summary>Trial reads through the per-study cache, and heartbeats.</summary>
public sealed partial class RelationalStorage
{
    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public TrialRecord GetTrial(int trialId)
    {
        ThrowIfDisposed();
        foreach (var cache in caches.Values)
        {
            lock (cache.Gate)
            {
                if (cache.Finished(trialId) is { } finished)
                {
                    return finished;
                }
            }
        }

        // One batch of statements, without a transaction: a trial read while it changes shows its state and values of
        // one moment or the next, and an unfinished trial is read again anyway.
        var trial = executor.Read(session => loader.LoadOne(session, trialId), snapshot: false)?.Trial
            ?? throw new KeyNotFoundException($"No trial with id {trialId} exists in {dialect.DisplayName}.");

        // Buffered parameters are part of the answer, still buffered.
        return trial.State.IsFinished() ? trial : trial.WithParams(pending.Peek(trialId).Select(p => (p.Name, p.Value, p.Distribution)));
    }

    /// <inheritdoc/>
    /// <remarks>Reads only the trials created since the last call and those that were unfinished then; finished trials come from the cache.</remarks>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public IReadOnlyList<TrialRecord> GetAllTrials(int studyId)
    {
        ThrowIfDisposed();
        WritePendingOfStudy(studyId);

        var cache = caches.GetOrAdd(studyId, id => new StudyTrialCache(id));
        lock (cache.Gate)
        {
            var conditions = cache.RefreshConditions();
            // Without a transaction: a trial row read as finished was committed with all its children, which the next
            // statements see; one read as unfinished may show newer children, and is read again next time anyway.
            var read = executor.Read(
                session =>
                {
                    var trials = loader.Load(session, conditions);
                    if (trials.Count == 0 && cache.Snapshot().Count == 0)
                    {
                        EnsureStudy(session, studyId, forUpdate: false);
                    }

                    return trials;
                },
                snapshot: false);
            cache.Apply(read);
            return cache.Snapshot();
        }
    }

    /// <inheritdoc/>
    /// <remarks>The heartbeat is a row of Optuna's <c>trial_heartbeats</c>, stamped by the database's clock (on SQLite, by the storage's <see cref="TimeProvider"/> in UTC, as Optuna's SQLite heartbeats are).</remarks>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void RecordHeartbeat(int trialId)
    {
        ThrowIfDisposed();
        var nowSql = dialect.HeartbeatNowSql ?? "@now";
        var now = dialect.HeartbeatNowSql is null ? dialect.DateTimeValue(UtcNaive()) : null;
        WriteTrial(trialId, (session, taken) =>
        {
            if (ReadState(session, trialId, forUpdate: true) != TrialState.Running)
            {
                return false;
            }

            WriteParams(session, trialId, taken);
            if (session.Execute($"UPDATE trial_heartbeats SET heartbeat = {nowSql} WHERE trial_id = @trial", ("@trial", trialId), ("@now", now)) == 0)
            {
                session.Execute($"INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@trial, {nowSql})", ("@trial", trialId), ("@now", now));
            }

            return true;
        });
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public IReadOnlyList<int> GetStaleTrialIds(int studyId, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gracePeriod, TimeSpan.Zero);
        ThrowIfDisposed();
        var nowSql = dialect.HeartbeatNowSql ?? "@now";
        var now = dialect.HeartbeatNowSql is null ? dialect.DateTimeValue(UtcNaive()) : null;
        return executor.Read(session =>
        {
            EnsureStudy(session, studyId, forUpdate: false);
            var stale = new List<int>();
            using var reader = session.Query(
                $"SELECT t.trial_id, h.heartbeat, {nowSql} FROM trials t JOIN trial_heartbeats h ON h.trial_id = t.trial_id " +
                $"WHERE t.study_id = @study AND t.state = {dialect.EnumValue("@running", "trialstate")} ORDER BY t.trial_id",
                ("@study", studyId),
                ("@running", OptunaRdbValues.State(TrialState.Running)),
                ("@now", now));
            while (reader.Read())
            {
                if (dialect.ReadDateTime(reader, 1) is { } beat && dialect.ReadDateTime(reader, 2) is { } current && current - beat > gracePeriod)
                {
                    stale.Add(reader.GetInt32(0));
                }
            }

            return stale;
        });
    }

    /// <summary>The storage clock's UTC time, naive, to the microsecond.</summary>
    private DateTime UtcNaive()
    {
        var utc = time.GetUtcNow().UtcDateTime;
        return DateTime.SpecifyKind(utc.AddTicks(-(utc.Ticks % 10)), DateTimeKind.Unspecified);
    }
}
