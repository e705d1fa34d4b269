using Microsoft.Extensions.Logging;

namespace Attune.Storage.Redis;

/// <summary>The log messages of the Redis journal backend.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Redis journal {Endpoint}: attempt {Attempt} failed; retrying in {Delay} ms.")]
    public static partial void Retrying(ILogger logger, string endpoint, int attempt, int delay, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Redis journal {Endpoint}: the connection dropped while appending; the lines {Outcome}.")]
    public static partial void AppendResolved(ILogger logger, string endpoint, string outcome);
}
