using Microsoft.Extensions.Logging;

namespace Attune.Storage.Redis;

/// <summary>How a <see cref="RedisJournalBackend"/> names its keys and retries.</summary>
public sealed record RedisJournalBackendOptions
{
    /// <summary>The prefix of the keys (Optuna's <c>JournalRedisStorage(prefix=…)</c>): the log is <c>PREFIX:log_number</c> and <c>PREFIX:log:N</c>.</summary>
    /// <value>Default empty, as in Optuna.</value>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>How long an operation keeps retrying while Redis is unreachable (a restart, a dropped connection) before it fails with a <see cref="TimeoutException"/>.</summary>
    /// <value>Default 2 minutes.</value>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Where the backend logs reconnections.</summary>
    /// <value>Default <see langword="null"/>: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; init; }
}
