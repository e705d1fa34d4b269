using Microsoft.Extensions.Logging;

namespace Attune.Storage.Journal;

/// <summary>How a <see cref="JournalStorage"/> stamps and logs what it writes and reads.</summary>
public sealed record JournalStorageOptions
{
    /// <summary>
    /// The clock for trial start and end times, and the time zone of the journal's timestamps (Optuna writes naive
    /// local times, so every process sharing a journal should run in the same time zone).
    /// </summary>
    /// <value>Default <see langword="null"/>: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where the storage logs lines and operations of the journal that it skips.</summary>
    /// <value>Default <see langword="null"/>: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// How long a suggested parameter may wait in this process before it is appended on its own. Until then it waits
    /// to travel with the storage's next line (usually the trial's end), which saves an append per parameter; other
    /// processes see a running trial's parameters at the latest this long after they were suggested, which parallel
    /// samplers need (TPE's constant liar counts the running trials' parameters). <see cref="TimeSpan.Zero"/> appends
    /// each parameter at once; <see cref="Timeout.InfiniteTimeSpan"/> waits for the next line.
    /// </summary>
    /// <value>Default 100 ms. Must be zero or positive, or <see cref="Timeout.InfiniteTimeSpan"/>.</value>
    public TimeSpan ParameterWriteDelay { get; init; } = TimeSpan.FromMilliseconds(100);
}
