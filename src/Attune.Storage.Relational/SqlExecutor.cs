using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Attune.Storage.Relational;

/// <summary>
/// Runs units of work in transactions and retries them after transient errors (a dropped connection, a restarting
/// server, a deadlock, a busy SQLite file) with exponential backoff, for up to <see cref="RelationalStorageOptions.RetryTimeout"/>.
/// A unit of work must be safe to run again from its start: everything it wrote is rolled back when it fails before
/// the commit. When the connection drops during the commit itself, the outcome is unknown: a write that gives a
/// check decides from what the database holds whether its commit went through, instead of running again.
/// </summary>
internal sealed class SqlExecutor(SqlDialect dialect, TimeSpan retryTimeout, ILogger logger)
{
    private const int FirstDelayMs = 5;
    private const int MaxDelayMs = 1000;

    /// <summary>Runs a read; in a snapshot transaction unless <paramref name="snapshot"/> is off (a single statement).</summary>
    public T Read<T>(Func<SqlSession, T> work, bool snapshot = true) =>
        Run(work, write: false, transaction: snapshot, committed: null);

    /// <summary>Runs a write transaction.</summary>
    /// <param name="work">The work; it may throw to roll back (e.g. a check that failed).</param>
    /// <param name="committed">After the connection dropped during the commit: whether the database holds what the
    /// commit wrote (then <paramref name="work"/>'s result is returned), or <see langword="null"/> when running the
    /// work again is harmless.</param>
    public T Write<T>(Func<SqlSession, T> work, Func<SqlSession, T, bool>? committed = null) =>
        Run(work, write: true, transaction: true, committed);

    private T Run<T>(Func<SqlSession, T> work, bool write, bool transaction, Func<SqlSession, T, bool>? committed)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = FirstDelayMs;
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            var hasResult = false;
            T result = default!;
            DbConnection? connection = null;
            try
            {
                connection = dialect.OpenConnection();
                if (!transaction)
                {
                    result = work(new SqlSession(dialect, connection, null));
                }
                else
                {
                    using var tx = dialect.BeginTransaction(connection, write);
                    result = work(new SqlSession(dialect, connection, tx));
                    hasResult = true;
                    committing = true;
                    tx.Commit();
                }

                dialect.ReleaseConnection(connection, broken: false);
                return result;
            }
            catch (Exception e) when (IsRetryable(e, connection))
            {
                if (connection is not null)
                {
                    dialect.ReleaseConnection(connection, broken: true);
                }

                if (Stopwatch.GetElapsedTime(started) >= retryTimeout)
                {
                    throw new TimeoutException(
                        $"{dialect.DisplayName}: the database could not be reached or stayed busy for {retryTimeout.TotalSeconds:0} s " +
                        $"({attempt} attempts); the last error: {e.Message}",
                        e);
                }

                if (committing && hasResult && committed is not null && CheckCommitted(committed, result, started) is { } outcome)
                {
                    RelationalLog.CommitResolved(logger, dialect.DisplayName, outcome ? "went through" : "did not go through and is retried");
                    if (outcome)
                    {
                        return result;
                    }
                }

                RelationalLog.Retrying(logger, dialect.DisplayName, attempt, delay, e);
                Thread.Sleep(delay + (int)(Stopwatch.GetTimestamp() % delay));
                delay = Math.Min(delay * 2, MaxDelayMs);
            }
            catch
            {
                if (connection is not null)
                {
                    dialect.ReleaseConnection(connection, broken: SqlDialect.IsLost(connection));
                }

                throw;
            }
        }
    }

    /// <summary>Asks <paramref name="committed"/> on a fresh connection, retrying transient errors; <see langword="null"/> when time ran out.</summary>
    private bool? CheckCommitted<T>(Func<SqlSession, T, bool> committed, T result, long started)
    {
        var delay = FirstDelayMs;
        while (Stopwatch.GetElapsedTime(started) < retryTimeout)
        {
            DbConnection? connection = null;
            try
            {
                connection = dialect.OpenConnection();
                var outcome = committed(new SqlSession(dialect, connection, null), result);
                dialect.ReleaseConnection(connection, broken: false);
                return outcome;
            }
            catch (Exception e) when (IsRetryable(e, connection))
            {
                if (connection is not null)
                {
                    dialect.ReleaseConnection(connection, broken: true);
                }

                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, MaxDelayMs);
            }
        }

        return null;
    }

    private bool IsRetryable(Exception e, DbConnection? connection) =>
        dialect.IsTransient(e) || (e is DbException or InvalidOperationException or IOException && SqlDialect.IsLost(connection));
}
