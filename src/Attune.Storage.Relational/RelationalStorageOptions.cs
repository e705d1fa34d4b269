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

    /// <summary>
    /// How long a suggested parameter may wait in this process before it is written in a transaction of its own. Until
    /// then it waits to go with the trial's next write (usually its end), which saves a transaction per parameter;
    /// other processes see a running trial's parameters at the latest this long after they were suggested, which
    /// parallel samplers need (TPE's constant liar counts the running trials' parameters). <see cref="TimeSpan.Zero"/>
    /// writes each parameter at once; <see cref="Timeout.InfiniteTimeSpan"/> waits for the trial's next write.
    /// </summary>
    /// <value>Default 100 ms. Must be zero or positive, or <see cref="Timeout.InfiniteTimeSpan"/>.</value>
    public TimeSpan ParameterWriteDelay { get; init; } = TimeSpan.FromMilliseconds(100);
}
