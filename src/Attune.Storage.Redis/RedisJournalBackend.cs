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
/// <para>Redis holds no lock for <see cref="RunExclusive{T}(Func{T})"/>: appends are optimistic instead. Inside it, an
/// append succeeds only if no line was added since this backend last read the log (checked atomically by the script);
/// otherwise the whole action is run again on the new lines, which is what a read-check-append action expects.
/// Optuna's writers append without checking, as Optuna's replay rules allow.</para>
/// <para>Lost connections are retried for <see cref="RedisJournalBackendOptions.RetryTimeout"/>. When a connection
/// drops during an append, the backend reads the log back to learn whether its lines landed, so a line is neither
/// lost nor written twice. Durability is Redis's: configure AOF (<c>appendonly yes</c>) to keep studies across a
/// Redis restart.</para>
/// </remarks>
public sealed class RedisJournalBackend : IJournalBackend
{
    private const int ReadChunk = 1000;
    private const int MaxConflicts = 10_000;

    // Appends lines if the log has exactly ARGV[2] lines (or unconditionally when ARGV[2] is -1); returns the number of
    // the first line appended, or -2 on a conflict. The counter starts at -1, as Optuna's setnx makes it.
    private const string AppendScript = """
        local counter = ARGV[1] .. ':log_number'
        local current = redis.call('get', counter)
        if not current then
            redis.call('set', counter, -1)
            current = -1
        end
        current = tonumber(current)
        local expected = tonumber(ARGV[2])
        if expected >= 0 and current + 1 ~= expected then
            return -2
        end
        for i = 3, #ARGV do
            local n = redis.call('incr', counter)
            redis.call('set', string.format('%s:log:%d', ARGV[1], n), ARGV[i])
        end
        return current + 1
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
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsEmpty || lines[i].Span.Contains((byte)'\n'))
            {
                throw new ArgumentException($"Line {i} is empty or contains a line break; a journal line is one JSON text without line breaks.", nameof(lines));
            }
        }

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
                var first = AppendOnce(lines, expected);
                if (first >= 0)
                {
                    if (inScope)
                    {
                        scopePosition = first + lines.Count;
                        appended = new JournalReadResult([.. lines], first + lines.Count);
                    }

                    return;
                }

                if (inScope)
                {
                    throw new JournalConflictException();
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
                    // Another writer appended first: run the read-check-append again on the new lines.
                }
                finally
                {
                    scopeDepth = 0;
                    scopePosition = -1;
                    appended = null;
                }
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

        return new JournalReadResult(lines, position + lines.Count);
    }

    /// <summary>Runs the append script once; on a dropped connection, reads back whether the lines landed.</summary>
    /// <returns>The number of the first appended line, or -1 on a conflict.</returns>
    private long AppendOnce(IReadOnlyList<ReadOnlyMemory<byte>> lines, long expected)
    {
        var arguments = new RedisValue[lines.Count + 2];
        arguments[0] = prefix;
        arguments[1] = expected;
        for (var i = 0; i < lines.Count; i++)
        {
            arguments[i + 2] = lines[i].ToArray();
        }

        var started = Stopwatch.GetTimestamp();
        var delay = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var first = (long)Database.ScriptEvaluate(AppendScript, keys: null, values: arguments);
                return first >= 0 ? first : -1;
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
                    return expected;
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
