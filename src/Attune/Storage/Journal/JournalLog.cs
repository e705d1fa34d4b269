using Microsoft.Extensions.Logging;

namespace Attune.Storage.Journal;

/// <summary>The log messages of the journal storage and its file backend.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Journal line {Index} read from position {Position} is skipped: {Reason}")]
    public static partial void LineSkipped(ILogger logger, int index, long position, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Journal operation {OpCode} (line {Index} read from position {Position}) has no effect: {Reason}")]
    public static partial void OperationIgnored(ILogger logger, int opCode, int index, long position, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Journal '{Path}': removed an incomplete last line of {Length} bytes at byte {Offset}, left by a writer that stopped mid-write; every complete line is kept.")]
    public static partial void TornLineRemoved(ILogger logger, string path, long length, long offset);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Journal '{Path}': took over the stale lock file '{LockPath}', last modified {Age} ago and held by no live process.")]
    public static partial void StaleLockTakenOver(ILogger logger, string path, string lockPath, string age);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Journal '{Path}': flushing commits to the disk failed; they are written but may not survive a crash of the machine.")]
    public static partial void FlushFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Journal: appending buffered parameters after their delay failed; they go with the next line.")]
    public static partial void DeferredParamsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Journal: {Count} buffered parameter line(s) could not be appended when the storage was closed.")]
    public static partial void PendingLost(ILogger logger, int count, Exception exception);
}
