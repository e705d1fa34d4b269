using Microsoft.Extensions.Logging;

namespace Attune.Storage.Relational;

/// <summary>The log messages of the relational storage.</summary>
internal static partial class RelationalLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "{Database}: created Optuna's schema (version {SchemaVersion}, alembic revision {Revision}).")]
    public static partial void SchemaCreated(ILogger logger, string database, int schemaVersion, string revision);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "{Database}: attempt {Attempt} failed with a transient error; retrying in {Delay} ms.")]
    public static partial void Retrying(ILogger logger, string database, int attempt, int delay, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "{Database}: the connection was lost while committing; the commit {Outcome}.")]
    public static partial void CommitResolved(ILogger logger, string database, string outcome);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "{Database}: writing the buffered parameters of trial {TrialId} after their delay failed; they go with the trial's next write.")]
    public static partial void DeferredParamsFailed(ILogger logger, string database, int trialId, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "{Database}: the buffered parameters of trial {TrialId} could not be written when the storage was closed.")]
    public static partial void PendingLost(ILogger logger, string database, int trialId, Exception exception);
}
