namespace Attune.Storage.Journal;

/// <summary>What <see cref="IJournalBackend.ReadLines(long)"/> found: complete lines and where to read next.</summary>
/// <param name="Lines">The complete lines, oldest first, as UTF-8 without line breaks.</param>
/// <param name="NextPosition">The position just after the last returned line (the given position when none was returned).</param>
/// <param name="AtEnd">Whether the read reached the end of the log as it was when read, so that reading on at once
/// would find only what was appended since. Default <see langword="false"/>: the reader reads again until a read
/// returns no line.</param>
public readonly record struct JournalReadResult(IReadOnlyList<ReadOnlyMemory<byte>> Lines, long NextPosition, bool AtEnd = false);
