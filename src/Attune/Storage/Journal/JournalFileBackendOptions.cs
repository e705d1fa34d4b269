using Microsoft.Extensions.Logging;

namespace Attune.Storage.Journal;

/// <summary>How a <see cref="JournalFileBackend"/> writes and locks its file.</summary>
public sealed record JournalFileBackendOptions
{
    /// <summary>
    /// Whether appends that commit a result (a trial's final state, an enqueued or added trial, a study's creation,
    /// deletion or attributes) are flushed to the disk (<c>fsync</c>) before they return, together with everything
    /// appended before them. Other appends (a running trial's parameters, intermediate values and attributes) are
    /// flushed with the next commit: at most one <c>fsync</c> per trial, where Optuna does one per operation. Every
    /// append, flushed or not, survives the death of the writing process (the operating system holds the data); a
    /// flush is what makes it survive a power cut or a crash of the machine.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Durable { get; init; } = true;

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
