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
}
