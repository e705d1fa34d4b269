using System.Diagnostics;
using System.Globalization;
using Attune.Storage.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Attune.Storage.Redis;

/// <summary>
/// Keeps a journal in Redis, in the key layout of Optuna's <c>JournalRedisStorage</c> (a counter <c>PREFIX:log_number</c>
/// and one string key <c>PREFIX:log:N</c> per line, appended by one Lua script), so Optuna and Attune workers can share
/// one study through Redis. The position of a read is the line number.
/// </summary>
/// <remarks>
/// <para>Redis holds no lock for <see cref="RunExclusive{T}(Func{T})"/>: appends are optimistic instead. Inside it, the
/// first read assumes the caller's replay is current and asks Redis nothing; the append succeeds only if no line was
/// added since that position (checked atomically by the script), and otherwise brings back the lines added meanwhile,
/// on which the whole action is run again: what a read-check-append action expects, in one round trip when no other
/// writer came in between. <see cref="AppendAndRead"/> appends without a check (Optuna's writers do the same, as
/// Optuna's replay rules allow) and returns the lines since the caller's last read in the same round trip, so
/// concurrent writers never retry.</para>
/// <para>Lost connections are retried for <see cref="RedisJournalBackendOptions.RetryTimeout"/>. When a connection
/// drops during an append, the backend reads the log back to learn whether its lines landed, so a line is neither
/// lost nor written twice. Durability is Redis's: configure AOF (<c>appendonly yes</c>) to keep studies across a
/// Redis restart.</para>
/// </remarks>
public sealed class RedisJournalBackend : IJournalBackend
{
    private const int ReadChunk = 1000;
    private const int MaxConflicts = 10_000;

    // Appends lines ARGV[5..] if the log has exactly ARGV[2] lines (or unconditionally when ARGV[2] is -1), then returns
    // the number of the first line appended (-2 on a conflict: nothing appended), the number of the log's last line, and
    // up to ARGV[4] lines from line ARGV[3] on (none when ARGV[3] is -1, or after a successful conditional append, whose
    // lines the caller knows). The counter starts at -1, as Optuna's setnx makes it.
    private const string AppendScript = """
        local counter = ARGV[1] .. ':log_number'
        local current = redis.call('get', counter)
        if not current then
            redis.call('set', counter, -1)
            current = -1
        end
        current = tonumber(current)
        local expected = tonumber(ARGV[2])
        local first = current + 1
        if expected >= 0 and first ~= expected then
            first = -2
        else
            for i = 5, #ARGV do
                current = redis.call('incr', counter)
                redis.call('set', string.format('%s:log:%d', ARGV[1], current), ARGV[i])
            end
        end
        local result = { first, current }
        local from = tonumber(ARGV[3])
        if from >= 0 and (expected < 0 or first == -2) then
            for n = from, math.min(current, from + tonumber(ARGV[4]) - 1) do
                local line = redis.call('get', string.format('%s:log:%d', ARGV[1], n))
                if not line then
                    break
                end
                result[#result + 1] = line
            end
        end
        return result
        """;

    // Returns up to ARGV[3] lines from line ARGV[2] on, stopping at the first missing one: one round trip per read.
    private const string ReadScript = """
        local counter = redis.call('get', ARGV[1] .. ':log_number')
        if not counter then
            return {}
        end
        local first = tonumber(ARGV[2])
        local last = math.min(tonumber(counter), first + tonumber(ARGV[3]) - 1)
        local lines = {}
        for n = first, last do
            local line = redis.call('get', string.format('%s:log:%d', ARGV[1], n))
            if not line then
                break
            end
            lines[#lines + 1] = line
        end
        return lines
        """;

    private readonly IConnectionMultiplexer redis;
    private readonly bool ownsConnection;
    private readonly int database;
    private readonly string prefix;
    private readonly RedisKey counterKey;
    private readonly TimeSpan retryTimeout;
    private readonly ILogger logger;
    private readonly string endpoint;
    private readonly Lock gate = new();
    private int scopeDepth;
    private long scopePosition = -1;
    private JournalReadResult? appended;
    private JournalReadResult? conflictLines;
    private long conflictPosition = -1;
    private volatile bool disposed;

    /// <summary>Uses a Redis connection.</summary>
    /// <param name="redis">The connection; not disposed with the backend unless <paramref name="ownsConnection"/>.</param>
    /// <param name="database">The database number; -1 for the connection's default.</param>
    /// <param name="options">Key prefix, retries and logging; default <see cref="RedisJournalBackendOptions"/>'s defaults.</param>
    /// <param name="ownsConnection">Whether disposing the backend closes the connection. Default <see langword="false"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/> is null.</exception>
    public RedisJournalBackend(IConnectionMultiplexer redis, int database = -1, RedisJournalBackendOptions? options = null, bool ownsConnection = false)
    {
        ArgumentNullException.ThrowIfNull(redis);
        options ??= new RedisJournalBackendOptions();
        ArgumentNullException.ThrowIfNull(options.Prefix, nameof(options));
        this.redis = redis;
        this.ownsConnection = ownsConnection;
        this.database = database;
        prefix = options.Prefix;
        counterKey = prefix + ":log_number";
        retryTimeout = options.RetryTimeout;
        logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisJournalBackend>();
        endpoint = string.Join(",", redis.GetEndPoints().Select(e => e.ToString())) + "/" + database.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public JournalReadResult ReadLines(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ObjectDisposedException.ThrowIf(disposed, this);
        lock (gate)
        {
            // Inside an exclusive action, after its append: the lines just appended are known without asking Redis, and
            // nothing else needs reading for this action (the next action's read picks up later lines).
            if (scopeDepth > 0 && appended is { } own)
            {
                if (position == own.NextPosition - own.Lines.Count)
                {
                    return own;
                }

                if (position == own.NextPosition)
                {
                    return new JournalReadResult([], position);
                }
            }
        }

        lock (gate)
        {
            if (scopeDepth > 0 && gate.IsHeldByCurrentThread)
            {
                if (conflictLines is { } missed && conflictPosition == position)
                {
                    // What the append that conflicted brought back: the lines added since this position.
                    conflictLines = null;
                    scopePosition = missed.NextPosition;
                    return missed;
                }

                if (scopePosition < 0)
                {
                    // Optimistic: the caller's replay is taken as current; the append checks it.
                    scopePosition = position;
                    return new JournalReadResult([], position, AtEnd: true);
                }
            }
        }

        var result = Retry(() => Read(position, ReadChunk));
        lock (gate)
        {
            if (scopeDepth > 0 && gate.IsHeldByCurrentThread)
            {
                scopePosition = result.NextPosition;
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public void AppendLines(IReadOnlyList<ReadOnlyMemory<byte>> lines, bool commit)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckLines(lines);
        if (lines.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            var inScope = scopeDepth > 0;
            while (true)
            {
                var expected = inScope && scopePosition >= 0 ? scopePosition : Retry(CurrentLength);
                var (first, missed) = AppendOnce(lines, expected, readMissed: inScope);
                if (first >= 0)
                {
                    if (inScope)
                    {
                        scopePosition = first + lines.Count;
                        appended = new JournalReadResult([.. lines], first + lines.Count, AtEnd: true);
                    }

                    return;
                }

                if (inScope)
                {
                    conflictLines = missed;
                    conflictPosition = expected;
                    throw new JournalConflictException();
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>One script call (one round trip): the append and the read happen atomically in Redis.</remarks>
    public JournalReadResult AppendAndRead(IReadOnlyList<ReadOnlyMemory<byte>> lines, bool commit, long position)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckLines(lines);
        if (lines.Count == 0)
        {
            return ReadLines(position);
        }

        lock (gate)
        {
            var arguments = Arguments(lines, expected: -1, readFrom: position);
            var started = Stopwatch.GetTimestamp();
            var delay = 5;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return ParseAppend((RedisResult[])Database.ScriptEvaluate(AppendScript, keys: null, values: arguments)!, position).Read;
                }
                catch (Exception e) when (IsTransient(e))
                {
                    Pause(e, attempt, ref delay, started);
                }

                // The script may have run before the connection dropped: look for the lines after the last read.
                if (Retry(() => Contains(position, lines)))
                {
                    RedisLog.AppendResolved(logger, endpoint, "had landed");
                    return Retry(() => Read(position, ReadChunk));
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Optimistic: the action runs again when another writer appended between its read and its append (see the class remarks).</remarks>
    public T RunExclusive<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (scopeDepth > 0)
            {
                return action();
            }

            try
            {
                for (var attempt = 0; ; attempt++)
                {
                    scopeDepth = 1;
                    scopePosition = -1;
                    appended = null;
                    try
                    {
                        return action();
                    }
                    catch (JournalConflictException) when (attempt < MaxConflicts)
                    {
                        // Another writer appended first: run the read-check-append again on the lines it brought back.
                    }
                    finally
                    {
                        scopeDepth = 0;
                        scopePosition = -1;
                        appended = null;
                    }
                }
            }
            finally
            {
                conflictLines = null;
                conflictPosition = -1;
            }
        }
    }

    /// <summary>Closes the connection when the backend owns it.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (ownsConnection)
        {
            redis.Dispose();
        }
    }

    private IDatabase Database => redis.GetDatabase(database);

    private long CurrentLength()
    {
        var counter = Database.StringGet(counterKey);
        return counter.IsNull ? 0 : (long)counter + 1;
    }

    private JournalReadResult Read(long position, int chunk)
    {
        var result = (RedisResult[])Database.ScriptEvaluate(ReadScript, keys: null, values: [prefix, position, chunk])!;
        var lines = new List<ReadOnlyMemory<byte>>(result.Length);
        foreach (var line in result)
        {
            lines.Add((byte[])line!);
        }

        return new JournalReadResult(lines, position + lines.Count, AtEnd: lines.Count < chunk);
    }

    private static void CheckLines(IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsEmpty || lines[i].Span.Contains((byte)'\n'))
            {
                throw new ArgumentException($"Line {i} is empty or contains a line break; a journal line is one JSON text without line breaks.", nameof(lines));
            }
        }
    }

    private RedisValue[] Arguments(IReadOnlyList<ReadOnlyMemory<byte>> lines, long expected, long readFrom)
    {
        var arguments = new RedisValue[lines.Count + 4];
        arguments[0] = prefix;
        arguments[1] = expected;
        arguments[2] = readFrom;
        arguments[3] = ReadChunk;
        for (var i = 0; i < lines.Count; i++)
        {
            arguments[i + 4] = lines[i].ToArray();
        }

        return arguments;
    }

    /// <summary>The append script's answer: the first appended line (-1 on a conflict) and the lines read from <paramref name="readFrom"/>.</summary>
    private static (long First, JournalReadResult Read) ParseAppend(RedisResult[] result, long readFrom)
    {
        var first = (long)result[0];
        var last = (long)result[1];
        var lines = new List<ReadOnlyMemory<byte>>(result.Length - 2);
        for (var i = 2; i < result.Length; i++)
        {
            lines.Add((byte[])result[i]!);
        }

        var next = readFrom + lines.Count;
        return (first >= 0 ? first : -1, new JournalReadResult(lines, next, AtEnd: next > last));
    }

    /// <summary>Runs the conditional append script once; on a dropped connection, reads back whether the lines landed.</summary>
    /// <returns>The number of the first appended line, or -1 on a conflict; then, when <paramref name="readMissed"/>,
    /// the lines added since <paramref name="expected"/>.</returns>
    private (long First, JournalReadResult? Missed) AppendOnce(IReadOnlyList<ReadOnlyMemory<byte>> lines, long expected, bool readMissed)
    {
        var arguments = Arguments(lines, expected, readFrom: readMissed ? expected : -1);
        var started = Stopwatch.GetTimestamp();
        var delay = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = (RedisResult[])Database.ScriptEvaluate(AppendScript, keys: null, values: arguments)!;
                var (first, read) = ParseAppend(result, expected);
                return first >= 0 ? (first, null) : (-1, read);
            }
            catch (Exception e) when (IsTransient(e))
            {
                Pause(e, attempt, ref delay, started);
            }

            // The script may have run before the connection dropped: look for the lines where they would be.
            if (Retry(() => Landed(lines, expected)) is { } landed)
            {
                RedisLog.AppendResolved(logger, endpoint, landed ? "had landed" : "had not landed and are appended again");
                if (landed)
                {
                    return (expected, null);
                }
            }
        }
    }

    /// <summary>Whether the log holds <paramref name="lines"/> from <paramref name="expected"/> on; <see langword="null"/> when it is too short to tell yet.</summary>
    private bool? Landed(IReadOnlyList<ReadOnlyMemory<byte>> lines, long expected)
    {
        var read = Read(expected, lines.Count);
        if (read.Lines.Count == 0)
        {
            return false;
        }

        if (read.Lines.Count < lines.Count)
        {
            return null;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (!read.Lines[i].Span.SequenceEqual(lines[i].Span))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the log holds <paramref name="lines"/>, one after another, at or after line <paramref name="position"/>.</summary>
    private bool Contains(long position, IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        var matched = 0;
        while (true)
        {
            var read = Read(position, ReadChunk);
            foreach (var line in read.Lines)
            {
                matched = line.Span.SequenceEqual(lines[matched].Span) ? matched + 1
                    : line.Span.SequenceEqual(lines[0].Span) ? 1
                    : 0;
                if (matched == lines.Count)
                {
                    return true;
                }
            }

            if (read.Lines.Count < ReadChunk)
            {
                return false;
            }

            position = read.NextPosition;
        }
    }

    private T Retry<T>(Func<T> operation)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return operation();
            }
            catch (Exception e) when (IsTransient(e))
            {
                Pause(e, attempt, ref delay, started);
            }
        }
    }

    private void Pause(Exception e, int attempt, ref int delay, long started)
    {
        if (Stopwatch.GetElapsedTime(started) >= retryTimeout)
        {
            throw new TimeoutException(
                $"Redis journal {endpoint}: Redis could not be reached for {retryTimeout.TotalSeconds:0} s ({attempt} attempts); the last error: {e.Message}", e);
        }

        RedisLog.Retrying(logger, endpoint, attempt, delay, e);
        Thread.Sleep(delay);
        delay = Math.Min(delay * 2, 1000);
    }

    private static bool IsTransient(Exception e) =>
        e is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (e is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("BUSY", StringComparison.Ordinal)));

    /// <summary>Another writer appended between an exclusive action's read and its append.</summary>
    private sealed class JournalConflictException : Exception
    {
        public JournalConflictException()
            : base("Another writer appended to the journal first.")
        {
        }
    }
}
