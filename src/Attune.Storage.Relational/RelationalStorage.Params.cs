namespace Attune.Storage.Relational;

/// <summary>
/// Buffered parameters: a parameter of a trial this storage created or took, whose distribution the storage has
/// already checked for the study, is written with the trial's next write transaction (usually the one that finishes
/// it) instead of a transaction of its own, or in one of their own when <see cref="RelationalStorageOptions.ParameterWriteDelay"/>
/// ends first. A read of the trial includes them, and a read of its study's trials writes them first, so this process
/// always reads what it suggested; other processes see them from the trial's next write or the end of the delay on. A worker killed mid-trial leaves the trial running without the parameters it had not written yet.
/// </summary>
public sealed partial class RelationalStorage
{
    /// <summary>Runs a write of one trial that also writes the trial's buffered parameters (handed to <paramref name="work"/>).</summary>
    /// <remarks>
    /// Writes of one trial in this process run one at a time, so buffered parameters taken by one (say, a read of the
    /// study that writes them) are committed before another (the trial's end) runs. The parameters are buffered again
    /// when the write fails for a reason other than the trial being finished or missing.
    /// </remarks>
    private T WriteTrial<T>(int trialId, Func<SqlSession, IReadOnlyList<PendingParam>, T> work, Func<SqlSession, T, bool>? committed = null)
    {
        lock (trialWriteLocks[(trialId & int.MaxValue) % trialWriteLocks.Length])
        {
            var taken = pending.Take(trialId);
            try
            {
                return executor.Write(session => work(session, taken.Params), committed);
            }
            catch (Exception e) when (e is not (InvalidOperationException or KeyNotFoundException))
            {
                pending.Restore(trialId, taken);
                throw;
            }
        }
    }

    /// <summary>Writes the buffered parameters of a study's running trials before a read of its trials.</summary>
    private void WritePendingOfStudy(int studyId)
    {
        foreach (var trialId in pending.Trials(studyId))
        {
            try
            {
                WritePending(trialId);
            }
            catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
            {
                // Finished elsewhere (failed as stale) or deleted: the trial's own next write reports it.
            }
        }
    }

    /// <summary>Writes every buffered parameter when its delay ends (a timer thread); a failure is logged, and the
    /// parameters stay buffered for the trial's next write.</summary>
    private void WriteDeferredParams()
    {
        foreach (var trialId in pending.Trials(null))
        {
            try
            {
                WritePending(trialId);
            }
            catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
            {
                // Finished elsewhere (failed as stale) or deleted: the trial's own next write reports it.
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or IOException or ObjectDisposedException or ArgumentException)
            {
                RelationalLog.DeferredParamsFailed(logger, dialect.DisplayName, trialId, e);
            }
        }
    }

    /// <summary>Writes the trial's buffered parameters, if any, in a transaction of their own.</summary>
    private void WritePending(int trialId)
    {
        if (!pending.Has(trialId))
        {
            return;
        }

        WriteTrial(trialId, (session, taken) =>
        {
            LockUpdatableTrial(session, trialId);
            WriteParams(session, trialId, taken);
            return true;
        });
    }

    private void WriteParams(SqlSession session, int trialId, IReadOnlyList<PendingParam> parameters)
    {
        if (parameters.Count > 0)
        {
            var batch = new SqlBatch();
            AddParams(batch, trialId, parameters);
            session.Execute(batch);
        }
    }

    private void AddParams(SqlBatch batch, int trialId, IReadOnlyList<PendingParam> parameters)
    {
        foreach (var parameter in parameters)
        {
            AddParam(batch, trialId, parameter);
        }
    }

    private void AddParam(SqlBatch batch, int trialId, PendingParam parameter) =>
        batch.Upsert(
            dialect,
            "trial_params",
            [("trial_id", "@trial", trialId), ("param_name", "@name", parameter.Name)],
            [("param_value", "@value", "@value", parameter.Value), ("distribution_json", "@distribution", "@distribution", parameter.DistributionJson)]);
}
