using Microsoft.Extensions.Logging;

namespace Attune.Storage.Relational;

/// <summary>How a <see cref="RelationalStorage"/> stamps times, retries and logs.</summary>
public sealed record RelationalStorageOptions
{
    /// <summary>
    /// The clock for trial start and end times (stored as naive local times in its time zone, as Optuna does) and,
    /// on SQLite, for heartbeats (UTC). PostgreSQL and MySQL stamp heartbeats with the database's clock.
    /// </summary>
    /// <value>Default <see langword="null"/>: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where the storage logs retries and schema creation.</summary>
    /// <value>Default <see langword="null"/>: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// How long an operation keeps retrying after transient errors (a dropped connection, a database restarting, a
    /// deadlock, a busy SQLite file) before it fails with a <see cref="TimeoutException"/>.
    /// </summary>
    /// <value>Default 2 minutes.</value>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
