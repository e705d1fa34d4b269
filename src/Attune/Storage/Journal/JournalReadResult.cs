namespace Attune.Storage.Journal;

/// <summary>What <see cref="IJournalBackend.ReadLines(long)"/> found: complete lines and where to read next.</summary>
/// <param name="Lines">The complete lines, oldest first, as UTF-8 without line breaks.</param>
/// <param name="NextPosition">The position just after the last returned line (the given position when none was returned).</param>
public readonly record struct JournalReadResult(IReadOnlyList<ReadOnlyMemory<byte>> Lines, long NextPosition);
