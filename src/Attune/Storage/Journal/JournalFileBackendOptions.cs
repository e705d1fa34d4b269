using Microsoft.Extensions.Logging;

namespace Attune.Storage.Journal;

/// <summary>How a <see cref="JournalFileBackend"/> writes and locks its file.</summary>
public sealed record JournalFileBackendOptions
{
    /// <summary>
    /// Whether appends that commit a result (a trial's final state, an enqueued or added trial, a study's creation,
    /// deletion or attributes) are flushed to the disk (<c>fsync</c>), together with everything appended before them,
    /// within <see cref="FlushDelay"/>. Other appends (a running trial's parameters, intermediate values and
    /// attributes) are flushed with the next commit. Every append, flushed or not, survives the death of the writing
    /// process (it is in the file, and the operating system holds the data, before the append returns); a flush is
    /// what makes it survive a power cut or a crash of the machine. Optuna's journal file never flushes.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Durable { get; init; } = true;

    /// <summary>
    /// How long a <see cref="Durable"/> commit may wait for its flush: a group commit. With a positive delay, the
    /// first commit after a flush schedules the next flush this much later (on a <see cref="TimeProvider"/> timer)
    /// and returns at once; every commit made meanwhile is flushed by that one <c>fsync</c>, so a worker never waits
    /// for the disk. A crash of the machine can then lose the commits of about the last delay (never a killed
    /// process: see <see cref="Durable"/>); disposing the backend flushes what is pending. With
    /// <see cref="TimeSpan.Zero"/>, each commit is flushed before its append returns (after the lock is released),
    /// so a returned commit survives a machine crash, at the price of one <c>fsync</c> per finished trial.
    /// </summary>
    /// <value>Default 100 milliseconds.</value>
    public TimeSpan FlushDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The clock of the group commit's timer (see <see cref="FlushDelay"/>).</summary>
    /// <value>Default <see langword="null"/>: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// How old a lock file must be before it is taken over when no live process holds it: a lock left by a killed
    /// writer. Attune writers hold an OS lock on the lock file, so theirs is recognized at once as held or not;
    /// Optuna writers hold none, so their lock file counts as held until it is this old.
    /// </summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan StaleLockAge { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the backend logs (torn lines it repairs, stale locks it takes over).</summary>
    /// <value>Default <see langword="null"/>: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; init; }
}
