using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Attune.Storage.Journal;

/// <summary>
/// Keeps a journal in a file that many processes on one machine (or on a shared file system with working
/// exclusive file creation) read and append to: Optuna's <c>JournalFileStorage</c> format and lock protocol, so
/// Optuna and Attune workers can share one file.
/// </summary>
/// <remarks>
/// <para>Appends happen under the lock file <c>PATH.lock</c> (see <see cref="JournalFileBackendOptions.StaleLockAge"/>
/// for locks left by killed processes), as one write at the end of the file; commits are flushed to disk when
/// <see cref="JournalFileBackendOptions.Durable"/> is set, after the lock is released: at once, or by a group commit
/// within <see cref="JournalFileBackendOptions.FlushDelay"/>.</para>
/// <para>Reads start at a byte offset and return only lines that end in a line break, so a line being written is
/// never half-read. A last line without a line break, left by a writer killed mid-write, is removed by the next
/// append (under the lock, with a logged warning): nobody has read it, every complete line before it is kept, and
/// the file stays readable by Optuna, which fails on an invalid line in the middle of a journal.</para>
/// </remarks>
public sealed class JournalFileBackend : IJournalBackend
{
    private const int InitialReadSize = 1 << 20;
    private const int TailScanSize = 1 << 16;
    private const byte LineBreak = (byte)'\n';

    private readonly SafeFileHandle handle;
    private readonly bool writable;
    private readonly bool durable;
    private readonly JournalFileFlusher flusher;
    private readonly JournalFileLock fileLock;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private int lockDepth;
    private long cleanEnd = -1;
    private bool flushPending;
    private volatile bool disposed;

    /// <summary>Opens (creating it when missing) the journal file at <paramref name="path"/>.</summary>
    /// <param name="path">The journal file. Its lock file is <c>PATH.lock</c>, in the same directory.</param>
    /// <param name="options">How to write and lock; default <see cref="JournalFileBackendOptions"/>'s defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="JournalFileBackendOptions.StaleLockAge"/> is not positive, or
    /// <see cref="JournalFileBackendOptions.FlushDelay"/> is negative.</exception>
    /// <exception cref="IOException">The file cannot be opened or created (e.g. its directory does not exist).</exception>
    /// <exception cref="UnauthorizedAccessException">The file can be neither written nor read.</exception>
    /// <remarks>A file that can be read but not written opens read-only: reads work, appends throw.</remarks>
    public JournalFileBackend(string path, JournalFileBackendOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new JournalFileBackendOptions();
        if (options.StaleLockAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.StaleLockAge, "JournalFileBackendOptions.StaleLockAge must be positive.");
        }

        if (options.FlushDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.FlushDelay, "JournalFileBackendOptions.FlushDelay must not be negative.");
        }

        Path = System.IO.Path.GetFullPath(path);
        logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<JournalFileBackend>();
        durable = options.Durable;
        fileLock = new JournalFileLock(Path, options.StaleLockAge, logger);
        try
        {
            handle = File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            writable = true;
        }
        catch (UnauthorizedAccessException)
        {
            handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        flusher = new JournalFileFlusher(() => RandomAccess.FlushToDisk(handle), options.FlushDelay, options.TimeProvider ?? TimeProvider.System, Path, logger);
    }

    /// <summary>The journal file's full path.</summary>
    public string Path { get; }

    /// <summary>The lock file's full path (<c>PATH.lock</c>).</summary>
    public string LockPath => fileLock.LockPath;

    /// <inheritdoc/>
    public JournalReadResult ReadLines(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ObjectDisposedException.ThrowIf(disposed, this);
        var length = RandomAccess.GetLength(handle);
        if (length <= position)
        {
            return new JournalReadResult([], position, AtEnd: true);
        }

        var available = length - position;
        var size = (int)Math.Min(available, InitialReadSize);
        while (true)
        {
            var buffer = GC.AllocateUninitializedArray<byte>(size);
            var read = ReadAt(buffer, position);
            var end = buffer.AsSpan(0, read).LastIndexOf(LineBreak);
            if (end >= 0)
            {
                return new JournalReadResult(SplitLines(buffer, end), position + end + 1, AtEnd: read == available);
            }

            if (read < size || size >= available || size >= Array.MaxLength)
            {
                // Only an incomplete line: one being written now, or torn.
                return new JournalReadResult([], position, AtEnd: true);
            }

            // One line longer than the buffer.
            size = (int)Math.Min(Math.Min(available, (long)size * 2), Array.MaxLength);
        }
    }

    /// <inheritdoc/>
    public void AppendLines(IReadOnlyList<ReadOnlyMemory<byte>> lines, bool commit) => Append(lines, commit);

    /// <inheritdoc/>
    /// <remarks>When no other writer appended since <paramref name="position"/>, the lines just written are returned
    /// without reading the file; otherwise the file is read from there to the end of these lines.</remarks>
    public JournalReadResult AppendAndRead(IReadOnlyList<ReadOnlyMemory<byte>> lines, bool commit, long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        var (offset, end) = Append(lines, commit);
        if (offset == position)
        {
            return new JournalReadResult(lines, end, AtEnd: true);
        }

        if (offset < position || end == offset)
        {
            return ReadLines(position);
        }

        var buffer = GC.AllocateUninitializedArray<byte>(checked((int)(end - position)));
        var read = ReadAt(buffer, position);
        var last = buffer.AsSpan(0, read).LastIndexOf(LineBreak);
        return last < 0
            ? new JournalReadResult([], position, AtEnd: true)
            : new JournalReadResult(SplitLines(buffer, last), position + last + 1, AtEnd: true);
    }

    /// <summary>Appends under the lock; returns where the lines were written and where they end.</summary>
    private (long Offset, long End) Append(IReadOnlyList<ReadOnlyMemory<byte>> lines, bool commit)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!writable)
        {
            throw new InvalidOperationException($"The journal file '{Path}' is read-only; it can be read but not written.");
        }

        var total = 0L;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Span;
            if (line.IsEmpty || line.Contains(LineBreak))
            {
                throw new ArgumentException($"Line {i} is empty or contains a line break; a journal line is one JSON text without line breaks.", nameof(lines));
            }

            total += line.Length + 1;
        }

        if (total == 0)
        {
            return (-1, -1);
        }

        var bytes = new byte[total];
        var offset = 0;
        foreach (var line in lines)
        {
            line.Span.CopyTo(bytes.AsSpan(offset));
            offset += line.Length;
            bytes[offset++] = LineBreak;
        }

        return RunExclusive(() =>
        {
            var at = Append(bytes);
            flushPending |= commit && durable;
            return (at, at + bytes.Length);
        });
    }

    /// <inheritdoc/>
    public T RunExclusive<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (lockDepth > 0)
            {
                lockDepth++;
                try
                {
                    return action();
                }
                finally
                {
                    lockDepth--;
                }
            }

            T result;
            using (fileLock.Acquire())
            {
                lockDepth = 1;
                try
                {
                    result = action();
                }
                finally
                {
                    lockDepth = 0;
                }
            }

            // Flushed after the release: other writers need not wait for the disk, and a line is committed only
            // when the append that wrote it returns, so being readable before it is durable promises nothing.
            if (flushPending)
            {
                flushPending = false;
                flusher.Committed();
            }

            return result;
        }
    }

    /// <summary>Flushes commits still waiting for a group commit, then closes the file. A lock this backend holds is released by the call that took it.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            flusher.Dispose();
            handle.Dispose();
        }
    }

    private static List<ReadOnlyMemory<byte>> SplitLines(byte[] buffer, int end)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        while (start <= end)
        {
            var length = buffer.AsSpan(start, end + 1 - start).IndexOf(LineBreak);
            lines.Add(new ReadOnlyMemory<byte>(buffer, start, length));
            start += length + 1;
        }

        return lines;
    }

    private int ReadAt(Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Writes <paramref name="bytes"/> at the end of the file; the caller holds the lock.</summary>
    /// <returns>Where they were written.</returns>
    private long Append(byte[] bytes)
    {
        var length = RandomAccess.GetLength(handle);

        // A file still as long as after this backend's last append ends in that append's line break: writes only
        // append whole lines under the lock, and a torn line left meanwhile would make it longer.
        if (length > 0 && length != cleanEnd)
        {
            Span<byte> last = stackalloc byte[1];
            if (ReadAt(last, length - 1) == 1 && last[0] != LineBreak)
            {
                length = RemoveTornLine(length);
            }
        }

        // .NET opens no file with O_APPEND, so the end is found under the lock, which every writer (Attune and
        // Optuna alike) holds while it appends.
        RandomAccess.Write(handle, bytes, length);
        cleanEnd = length + bytes.Length;
        return length;
    }

    /// <summary>Cuts the file after its last line break, removing a line a killed writer left incomplete.</summary>
    private long RemoveTornLine(long length)
    {
        var buffer = new byte[(int)Math.Min(length, TailScanSize)];
        var end = length;
        var keep = 0L;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var chunk = buffer.AsSpan(0, (int)(end - start));
            ReadAt(chunk, start);
            var index = chunk.LastIndexOf(LineBreak);
            if (index >= 0)
            {
                keep = start + index + 1;
                break;
            }

            end = start;
        }

        RandomAccess.SetLength(handle, keep);
        JournalLog.TornLineRemoved(logger, Path, length - keep, keep);
        return keep;
    }
}
