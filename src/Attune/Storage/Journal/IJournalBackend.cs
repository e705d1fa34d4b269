namespace Attune.Storage.Journal;

/// <summary>
/// An append-only log of JSON operations, one a line, shared by every process that opens the same log: the
/// persistence layer under <see cref="JournalStorage"/>. <see cref="JournalFileBackend"/> keeps it in a file; the
/// Attune.Storage.Redis package keeps it in a Redis list.
/// </summary>
/// <remarks>
/// <para>A position is opaque to callers: start at 0 and pass back the <see cref="JournalReadResult.NextPosition"/>
/// of the previous read (a byte offset for a file, a list index for Redis).</para>
/// <para>A writer that must check the log before it appends (is the study name free, is this trial still waiting)
/// does the read, the check and the append inside one <see cref="RunExclusive{T}(Func{T})"/>, so that no other
/// process appends in between. Implementations are thread-safe.</para>
/// </remarks>
public interface IJournalBackend : IDisposable
{
    /// <summary>
    /// Reads the complete lines added at or after <paramref name="position"/>. A line still being written (one that
    /// does not yet end in a line break) is not returned; a later read returns it once complete.
    /// </summary>
    /// <param name="position">Where to start: 0, or the <see cref="JournalReadResult.NextPosition"/> of an earlier read.</param>
    /// <returns>The lines, without their line breaks, and the position to read from next. Implementations may return
    /// fewer lines than are available (e.g. a bounded chunk); read again until no line is returned.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The backend is disposed.</exception>
    JournalReadResult ReadLines(long position);

    /// <summary>
    /// Appends <paramref name="lines"/> after every line already in the log, in order and contiguously: no other
    /// writer's line lands between them. Takes the exclusive lock when the caller does not hold it already.
    /// </summary>
    /// <param name="lines">UTF-8 JSON texts, without line breaks (a line must not contain <c>\n</c>).</param>
    /// <param name="commit">Whether the lines commit a result (a finished trial, a new study) that must survive a crash
    /// of the machine: a backend with durable storage flushes them, and every line before them, to it (a file backend
    /// calls <c>fsync</c> when its options ask for durability) before this returns or, when called inside
    /// <see cref="RunExclusive{T}(Func{T})"/>, before that returns (it may flush after releasing the lock). Lines
    /// appended without it become durable with the next commit.</param>
    /// <exception cref="ArgumentException">A line is empty or contains a line break.</exception>
    /// <exception cref="InvalidOperationException">The log is read-only.</exception>
    /// <exception cref="ObjectDisposedException">The backend is disposed.</exception>
    void AppendLines(IReadOnlyList<ReadOnlyMemory<byte>> lines, bool commit);

    /// <summary>
    /// Runs <paramref name="action"/> while holding the log's exclusive inter-process lock, waiting for it as long
    /// as another writer holds it. Re-entrant on the calling thread.
    /// </summary>
    /// <typeparam name="T">What the action returns.</typeparam>
    /// <param name="action">The work to do under the lock: typically read, check, and append.</param>
    /// <returns>What <paramref name="action"/> returned.</returns>
    /// <exception cref="ObjectDisposedException">The backend is disposed.</exception>
    T RunExclusive<T>(Func<T> action);

    /// <summary>
    /// Appends <paramref name="lines"/> as <see cref="AppendLines"/> does, without any check against the log, then
    /// reads from <paramref name="position"/>: the lines another writer added since that position and these.
    /// </summary>
    /// <param name="lines">UTF-8 JSON texts, without line breaks.</param>
    /// <param name="commit">Whether the lines commit a result (see <see cref="AppendLines"/>).</param>
    /// <param name="position">Where the caller's last read ended: 0, or a <see cref="JournalReadResult.NextPosition"/>.</param>
    /// <returns>As <see cref="ReadLines(long)"/> from <paramref name="position"/>: possibly a bounded chunk, to be
    /// continued with <see cref="ReadLines(long)"/> unless <see cref="JournalReadResult.AtEnd"/>. The default
    /// implementation calls <see cref="AppendLines"/> and then <see cref="ReadLines(long)"/>; a backend on a server
    /// does both in one round trip.</returns>
    /// <exception cref="ArgumentException">A line is empty or contains a line break.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The log is read-only.</exception>
    /// <exception cref="ObjectDisposedException">The backend is disposed.</exception>
    JournalReadResult AppendAndRead(IReadOnlyList<ReadOnlyMemory<byte>> lines, bool commit, long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        AppendLines(lines, commit);
        return ReadLines(position);
    }
}
