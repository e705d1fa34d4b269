using System.Globalization;
using Attune.Storage.Journal;

namespace Attune.Storage.Relational;

/// <summary>Trial writes.</summary>
public sealed partial class RelationalStorage
{
    /// <inheritdoc/>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ArgumentException">A template's parameter value or distribution is invalid or incompatible with the study's, or a value is NaN.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public TrialRecord CreateTrial(int studyId, TrialRecord? template = null)
    {
        ThrowIfDisposed();
        var internalParams = template is null ? null : InternalParams(template);
        if (template?.Values is { } templateValues)
        {
            CheckValues(templateValues, nameof(template));
        }

        var startedAt = template is null ? Truncate(time.GetUtcNow()) : template.StartedAt;
        var start = startedAt is { } s ? dialect.DateTimeValue(Naive(s)) : null;
        var (id, number) = executor.Write(
            session =>
            {
                if (template is null && dialect.InsertReturns)
                {
                    var (newId, newNumber) = InsertRunningTrial(session, studyId, start);
                    return (trialId: newId, count: newNumber);
                }

                // Optuna's lock: the study's row, so that trial numbers are given out once. The next number, in the same
                // round trip: numbers of a study are dense (every writer takes this lock), so it is the highest plus one,
                // which an index finds without counting the study's trials.
                var count = NextNumberLocked(session, studyId);
                if (template is not null)
                {
                    foreach (var (name, distribution) in template.Distributions)
                    {
                        CheckDistribution(session, studyId, name, distribution);
                    }
                }

                var state = template?.State ?? TrialState.Running;
                var trialId = (int)session.Insert(
                    $"INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) VALUES (@number, @study, {dialect.EnumValue("@state", "trialstate")}, @start, @complete)",
                    "trial_id",
                    ("@number", count),
                    ("@study", studyId),
                    ("@state", OptunaRdbValues.State(state)),
                    ("@start", start),
                    ("@complete", template?.CompletedAt is { } c ? dialect.DateTimeValue(Naive(c)) : null));
                if (template is not null)
                {
                    WriteTemplate(session, trialId, template, internalParams!);
                }

                return (trialId, count);
            },
            (session, created) => Convert.ToInt32(
                session.Scalar("SELECT COUNT(*) FROM trials WHERE trial_id = @trial AND study_id = @study AND number = @number", ("@trial", created.trialId), ("@study", studyId), ("@number", created.count)),
                CultureInfo.InvariantCulture) == 1);
        if (template is not null)
        {
            foreach (var (name, distribution) in template.Distributions)
            {
                paramDistributions.TryAdd((studyId, name), distribution);
            }

            return GetTrial(id);
        }

        runningHere[id] = studyId;
        return new TrialRecord { TrialId = id, Number = number, State = TrialState.Running, StartedAt = startedAt };
    }

    /// <inheritdoc/>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public TrialRecord? PopWaitingTrial(int studyId)
    {
        ThrowIfDisposed();
        var waiting = $"study_id = @study AND state = {dialect.EnumValue("@waiting", "trialstate")}";
        var waitingState = OptunaRdbValues.State(TrialState.Waiting);

        // Nothing waiting: answer without a write transaction (a trial enqueued just now is taken by the next Ask).
        if (executor.Read(session => session.Scalar($"SELECT trial_id FROM trials WHERE {waiting} ORDER BY trial_id LIMIT 1", ("@study", studyId), ("@waiting", waitingState)), snapshot: false) is null)
        {
            return null;
        }

        var startedAt = Truncate(time.GetUtcNow());
        var start = dialect.DateTimeValue(Naive(startedAt));
        var popped = executor.Write(
            session =>
            {
                while (true)
                {
                    if (session.Scalar(
                        $"SELECT trial_id FROM trials WHERE {waiting} ORDER BY trial_id LIMIT 1{dialect.ForUpdateSkipLocked}",
                        ("@study", studyId),
                        ("@waiting", waitingState)) is not { } found)
                    {
                        return null;
                    }

                    var trialId = Convert.ToInt32(found, CultureInfo.InvariantCulture);
                    var taken = session.Execute(
                        $"UPDATE trials SET state = {dialect.EnumValue("@running", "trialstate")}, datetime_start = @start WHERE trial_id = @trial AND state = {dialect.EnumValue("@waiting", "trialstate")}",
                        ("@running", OptunaRdbValues.State(TrialState.Running)),
                        ("@start", start),
                        ("@trial", trialId),
                        ("@waiting", waitingState));
                    if (taken == 1)
                    {
                        return loader.LoadOne(session, trialId)!.Value.Trial;
                    }
                }
            },
            (session, trial) => trial is null || IsRunningSince(session, trial.TrialId, start));
        if (popped is not null)
        {
            runningHere[popped.TrialId] = studyId;
        }

        return popped;
    }

    /// <inheritdoc/>
    /// <remarks>For a trial this storage created or took, and a name whose distribution it already checked for the
    /// study, the parameter is checked at once and written with the trial's next write transaction (usually the one
    /// that finishes it), or before a read of its study's trials, or when <see cref="RelationalStorageOptions.ParameterWriteDelay"/>
    /// ends, or when the storage is disposed; a read of the trial includes it meanwhile.</remarks>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="internalValue"/> is not a value of <paramref name="distribution"/>.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetTrialParam(int trialId, string name, double internalValue, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        distribution.ToExternal(internalValue);
        ThrowIfDisposed();
        var json = OptunaDistributionJson.ToJson(distribution);
        if (!writeParamsAtOnce && runningHere.TryGetValue(trialId, out var runningStudy) && paramDistributions.TryGetValue((runningStudy, name), out var known))
        {
            // A trial of this storage, and a name whose distribution is known: checked here, written with the trial's
            // next write or when the delay ends.
            known.EnsureCompatibleWith(name, distribution);
            pending.Add(trialId, runningStudy, new PendingParam(name, internalValue, distribution, json));
            deferredParams.Arm();
            return;
        }

        var studyId = WriteTrial(trialId, (session, taken) =>
        {
            var (study, _) = LockUpdatableTrial(session, trialId);
            CheckDistribution(session, study, name, distribution);
            var batch = new SqlBatch();
            AddParams(batch, trialId, taken);
            AddParam(batch, trialId, new PendingParam(name, internalValue, distribution, json));
            session.Execute(batch);
            return study;
        });
        paramDistributions.TryAdd((studyId, name), distribution);
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a trial state.</exception>
    /// <exception cref="ArgumentException">A value is NaN (Optuna's schema cannot hold it).</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public bool SetTrialStateValues(int trialId, TrialState state, IReadOnlyList<double>? values)
    {
        var stateText = OptunaRdbValues.State(state);
        if (values is not null)
        {
            CheckValues(values, nameof(values));
        }

        ThrowIfDisposed();
        var now = dialect.DateTimeValue(Naive(Truncate(time.GetUtcNow())));
        var changed = WriteTrial(
            trialId,
            (session, taken) =>
            {
                var current = ReadState(session, trialId, forUpdate: true);
                if (state == TrialState.Running && current != TrialState.Waiting)
                {
                    return false;
                }

                EnsureUpdatable(trialId, current);

                // The buffered parameters, the values and the state in one round trip.
                var batch = new SqlBatch();
                AddParams(batch, trialId, taken);
                if (values is not null)
                {
                    for (var objective = 0; objective < values.Count; objective++)
                    {
                        AddValue(batch, trialId, objective, values[objective]);
                    }
                }

                var times = state == TrialState.Running ? ", datetime_start = @now" : state.IsFinished() ? ", datetime_complete = @now" : string.Empty;
                batch.Add(
                    $"UPDATE trials SET state = {dialect.EnumValue("@state", "trialstate")}{times} WHERE trial_id = @trial",
                    ("@state", stateText),
                    ("@now", now),
                    ("@trial", trialId));
                session.Execute(batch);
                return true;
            },
            (session, changed) => !changed || (state == TrialState.Running ? IsRunningSince(session, trialId, now) : ReadState(session, trialId, forUpdate: false) == state));
        if (changed && state.IsFinished())
        {
            runningHere.TryRemove(trialId, out _);
        }

        return changed;
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetTrialIntermediateValue(int trialId, long step, double value)
    {
        ThrowIfDisposed();
        var (stored, type) = OptunaRdbValues.Store(value);
        WriteTrial(trialId, (session, taken) =>
        {
            LockUpdatableTrial(session, trialId);
            WriteParams(session, trialId, taken);
            SetIntermediate(session, trialId, step, stored, type);
            return true;
        });
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetTrialUserAttr(int trialId, string key, object? value) => SetTrialAttr("trial_user_attributes", trialId, key, value);

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    /// <exception cref="ObjectDisposedException">The storage is disposed.</exception>
    public void SetTrialSystemAttr(int trialId, string key, object? value) => SetTrialAttr("trial_system_attributes", trialId, key, value);

    /// <summary>
    /// Locks the study's row and inserts a running trial with the study's next number, in one round trip, so the lock
    /// is held only until the commit that follows. Each statement sees what was committed before it started (read
    /// committed), so the insert counts every trial whose writer held the lock before.
    /// </summary>
    /// <returns>The new trial's id and number.</returns>
    private (int TrialId, int Number) InsertRunningTrial(SqlSession session, int studyId, object? start)
    {
        using var reader = session.Query(
            $"SELECT study_id FROM studies WHERE study_id = @study{dialect.ForUpdate};\n" +
            "INSERT INTO trials (number, study_id, state, datetime_start) " +
            "SELECT (SELECT COALESCE(MAX(number), -1) + 1 FROM trials WHERE study_id = @study), " +
            $"study_id, {dialect.EnumValue("@state", "trialstate")}, @start FROM studies WHERE study_id = @study RETURNING trial_id, number",
            ("@study", studyId),
            ("@state", OptunaRdbValues.State(TrialState.Running)),
            ("@start", start));
        if (!reader.Read())
        {
            throw StudyNotFoundException.ForId(studyId);
        }

        reader.NextResult();
        reader.Read();
        return (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>Locks the study's row and returns its next trial number, in one round trip.</summary>
    private int NextNumberLocked(SqlSession session, int studyId)
    {
        using var reader = session.Query(
            $"SELECT study_id FROM studies WHERE study_id = @study{dialect.ForUpdate};\nSELECT COALESCE(MAX(number), -1) + 1 FROM trials WHERE study_id = @study",
            ("@study", studyId));
        if (!reader.Read())
        {
            throw StudyNotFoundException.ForId(studyId);
        }

        reader.NextResult();
        reader.Read();
        return Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
    }

    private static void CheckValues(IReadOnlyList<double> values, string parameter)
    {
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                throw new ArgumentException("An objective value is NaN; Optuna's schema stores finite and infinite values only.", parameter);
            }
        }
    }

    private static Dictionary<string, double> InternalParams(TrialRecord template)
    {
        var internalParams = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, distribution) in template.Distributions)
        {
            var internalValue = template.InternalParams.TryGetValue(name, out var v)
                ? v
                : distribution.ToInternal(template.Params.TryGetValue(name, out var external)
                    ? external
                    : throw new ArgumentException($"Distribution '{name}' has no value in Params.", nameof(template)));
            distribution.ToExternal(internalValue);
            internalParams[name] = internalValue;
        }

        return internalParams;
    }

    private static void EnsureUpdatable(int trialId, TrialState state)
    {
        if (state.IsFinished())
        {
            throw new InvalidOperationException($"Trial {trialId} has already finished ({state}) and cannot be changed.");
        }
    }

    /// <summary>The time as the database keeps it: to the microsecond.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));

    /// <summary>The naive local time Optuna stores (<c>datetime.now()</c>).</summary>
    private DateTime Naive(DateTimeOffset time) => DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(time, zone).DateTime, DateTimeKind.Unspecified);

    private void WriteTemplate(SqlSession session, int trialId, TrialRecord template, Dictionary<string, double> internalParams)
    {
        if (template.Values is { } values)
        {
            for (var objective = 0; objective < values.Count; objective++)
            {
                SetValue(session, trialId, objective, values[objective]);
            }
        }

        foreach (var (name, distribution) in template.Distributions)
        {
            session.Execute(
                "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (@trial, @name, @value, @distribution)",
                ("@trial", trialId),
                ("@name", name),
                ("@value", internalParams[name]),
                ("@distribution", OptunaDistributionJson.ToJson(distribution)));
        }

        foreach (var (step, value) in template.IntermediateValues)
        {
            var (stored, type) = OptunaRdbValues.Store(value);
            SetIntermediate(session, trialId, step, stored, type);
        }

        foreach (var (key, value) in template.UserAttrs)
        {
            Upsert(session, "trial_user_attributes", "trial_id", trialId, key, Json(value));
        }

        foreach (var (key, value) in template.SystemAttrs)
        {
            Upsert(session, "trial_system_attributes", "trial_id", trialId, key, Json(value));
        }
    }

    private void SetIntermediate(SqlSession session, int trialId, long step, object? stored, string type) =>
        session.Upsert(
            "trial_intermediate_values",
            [("trial_id", "@trial", trialId), ("step", "@step", step)],
            [
                ("intermediate_value", "@value", "@value", stored ?? SqlNull.Double),
                ("intermediate_value_type", dialect.EnumValue("@type", "trialintermediatevaluetype"), "@type", type),
            ]);

    private void SetValue(SqlSession session, int trialId, int objective, double value)
    {
        var batch = new SqlBatch();
        AddValue(batch, trialId, objective, value);
        session.Execute(batch);
    }

    private void AddValue(SqlBatch batch, int trialId, int objective, double value)
    {
        var (stored, type) = OptunaRdbValues.Store(value);
        batch.Upsert(
            dialect,
            "trial_values",
            [("trial_id", "@trial", trialId), ("objective", "@objective", objective)],
            [
                ("value", "@value", "@value", stored ?? SqlNull.Double),
                ("value_type", dialect.EnumValue("@type", "trialvaluetype"), "@type", type),
            ]);
    }

    private void SetTrialAttr(string table, int trialId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDisposed();
        var json = Json(value);
        WriteTrial(trialId, (session, taken) =>
        {
            LockUpdatableTrial(session, trialId);
            WriteParams(session, trialId, taken);
            Upsert(session, table, "trial_id", trialId, key, json);
            return true;
        });
    }

    /// <summary>Locks the trial's row, checks it is not finished, and returns its study and state.</summary>
    private (int StudyId, TrialState State) LockUpdatableTrial(SqlSession session, int trialId)
    {
        using var reader = session.Query(
            $"SELECT study_id, {dialect.EnumText("state")} FROM trials WHERE trial_id = @trial{dialect.ForUpdate}",
            ("@trial", trialId));
        if (!reader.Read())
        {
            throw new KeyNotFoundException($"No trial with id {trialId} exists in {dialect.DisplayName}.");
        }

        var state = OptunaRdbValues.ParseState(reader.GetString(1));
        EnsureUpdatable(trialId, state);
        return (reader.GetInt32(0), state);
    }

    private TrialState ReadState(SqlSession session, int trialId, bool forUpdate) =>
        session.Scalar($"SELECT {dialect.EnumText("state")} FROM trials WHERE trial_id = @trial{(forUpdate ? dialect.ForUpdate : string.Empty)}", ("@trial", trialId)) is string text
            ? OptunaRdbValues.ParseState(text)
            : throw new KeyNotFoundException($"No trial with id {trialId} exists in {dialect.DisplayName}.");

    private bool IsRunningSince(SqlSession session, int trialId, object start)
    {
        using var reader = session.Query($"SELECT {dialect.EnumText("state")}, datetime_start FROM trials WHERE trial_id = @trial", ("@trial", trialId));
        return reader.Read()
            && OptunaRdbValues.ParseState(reader.GetString(0)) == TrialState.Running
            && Equals(dialect.DateTimeValue(dialect.ReadDateTime(reader, 1) ?? default), start);
    }

    /// <summary>
    /// Throws when <paramref name="distribution"/> disagrees with the study's earlier distribution of <paramref name="name"/>
    /// (that of its lowest-numbered trial, Optuna's reference). The first use of a name locks the study's row, so
    /// two workers cannot introduce incompatible distributions at once.
    /// </summary>
    private void CheckDistribution(SqlSession session, int studyId, string name, Distribution distribution)
    {
        if (!paramDistributions.TryGetValue((studyId, name), out var existing))
        {
            const string Query = "SELECT p.distribution_json FROM trial_params p JOIN trials t ON t.trial_id = p.trial_id WHERE t.study_id = @study AND p.param_name = @name ORDER BY t.number LIMIT 1";
            var json = session.Scalar(Query, ("@study", studyId), ("@name", name)) as string;
            if (json is null)
            {
                EnsureStudy(session, studyId, forUpdate: true);
                json = session.Scalar(Query, ("@study", studyId), ("@name", name)) as string;
            }

            if (json is null)
            {
                return;
            }

            existing = OptunaDistributionJson.Parse(json);
            paramDistributions.TryAdd((studyId, name), existing);
        }

        existing.EnsureCompatibleWith(name, distribution);
    }
}
