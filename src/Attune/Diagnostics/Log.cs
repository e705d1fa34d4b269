using Microsoft.Extensions.Logging;

namespace Attune.Diagnostics;

/// <summary>The log messages of the core library.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Trial {Number} finished with value {Value} and parameters {Params}. Best is trial {BestNumber} with value {BestValue}.")]
    public static partial void TrialCompleted(ILogger logger, int number, string value, string @params, int bestNumber, string bestValue);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Trial {Number} finished with values {Values} and parameters {Params}.")]
    public static partial void TrialCompletedMulti(ILogger logger, int number, string values, string @params);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Trial {Number} pruned at step {Step}.")]
    public static partial void TrialPruned(ILogger logger, int number, string step);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Trial {Number} failed: {Reason}")]
    public static partial void TrialFailed(ILogger logger, int number, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Parameter '{Name}': the range [{Low}, {RequestedHigh}] is not divisible by step {Step}; high is adjusted to {High}.")]
    public static partial void StepAdjusted(ILogger logger, string name, string low, string requestedHigh, string step, string high);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Fixed parameter '{Name}' with value {Value} is outside {Distribution}; the value is used as it is.")]
    public static partial void FixedParamOutOfRange(ILogger logger, string name, string value, string distribution);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Trial {Number}: step {Step} was already reported; the value {Value} is ignored.")]
    public static partial void StepAlreadyReported(ILogger logger, int number, long step, string value);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "[{Done}/{Planned}] best {Best} · elapsed {Elapsed} · remaining {Remaining}")]
    public static partial void Progress(ILogger logger, int done, string planned, string best, string elapsed, string remaining);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Trial {Number} failed: its last heartbeat is older than the grace period of {GracePeriod}; its worker has probably died.")]
    public static partial void StaleTrialFailed(ILogger logger, int number, TimeSpan gracePeriod);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Trial {Number}: recording a heartbeat failed; the next beat tries again.")]
    public static partial void HeartbeatFailed(ILogger logger, int number, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Trial {Number} was finished by another worker ({State}) before this one could tell its result, probably because its heartbeats stopped for longer than the grace period; the result is dropped.")]
    public static partial void TrialFinishedElsewhere(ILogger logger, int number, TrialState state);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Trial {Number} is enqueued again as a retry of failed trial {FailedNumber} (retry {Retry}).")]
    public static partial void TrialRetried(ILogger logger, int number, int failedNumber, int retry);
}
