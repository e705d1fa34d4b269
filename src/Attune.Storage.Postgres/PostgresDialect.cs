using System.Data;
using System.Data.Common;
using Attune.Storage.Relational;
using Npgsql;

namespace Attune.Storage.Postgres;

/// <summary>
/// PostgreSQL for <see cref="RelationalStorage"/> (Npgsql, pooled, statements prepared automatically). Creating a
/// trial locks the study's row; starting an enqueued trial uses <c>FOR UPDATE SKIP LOCKED</c>; heartbeats use the
/// server's clock. Dropped connections (a restart, <c>pg_terminate_backend</c>) are retried on a fresh connection.
/// </summary>
public sealed class PostgresDialect : SqlDialect
{
    private static readonly HashSet<string> TransientStates = new(StringComparer.Ordinal)
    {
        PostgresErrorCodes.SerializationFailure,
        PostgresErrorCodes.DeadlockDetected,
        PostgresErrorCodes.LockNotAvailable,
        PostgresErrorCodes.AdminShutdown,
        PostgresErrorCodes.CrashShutdown,
        PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.TooManyConnections,
        PostgresErrorCodes.ConnectionException,
        PostgresErrorCodes.ConnectionDoesNotExist,
        PostgresErrorCodes.ConnectionFailure,
        PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection,
        PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection,
    };

    private readonly NpgsqlDataSource dataSource;

    /// <summary>Uses the database a connection string names.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="displayName">The database for messages, without password.</param>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public PostgresDialect(string connectionString, string displayName)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        DisplayName = displayName;
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc/>
    public override string DisplayName { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> CreateSchemaStatements { get; } = PostgresSchema.Statements;

    /// <inheritdoc/>
    public override string? SchemaLockSql => "SELECT pg_advisory_xact_lock(74656572)";

    /// <inheritdoc/>
    public override string TableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";

    /// <inheritdoc/>
    public override string IndexExistsSql => "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = @name";

    /// <inheritdoc/>
    public override string ForUpdate => " FOR UPDATE";

    /// <inheritdoc/>
    public override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    /// <inheritdoc/>
    public override string? HeartbeatNowSql => "LOCALTIMESTAMP";

    /// <inheritdoc/>
    public override DbConnection OpenConnection() => dataSource.OpenConnection();

    /// <inheritdoc/>
    public override void ReleaseConnection(DbConnection connection, bool broken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (broken && connection is NpgsqlConnection npgsql)
        {
            // The server restarted or dropped connections: idle pooled ones are likely dead too.
            NpgsqlConnection.ClearPool(npgsql);
        }

        connection.Dispose();
    }

    /// <inheritdoc/>
    public override DbTransaction BeginTransaction(DbConnection connection, bool write)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.BeginTransaction(write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead);
    }

    /// <inheritdoc/>
    public override string EnumValue(string parameter, string enumType) => $"CAST({parameter} AS {enumType})";

    /// <inheritdoc/>
    public override string EnumText(string column) => $"CAST({column} AS TEXT)";

    /// <inheritdoc/>
    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc/>
    public override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException p => TransientStates.Contains(p.SqlState) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException,
        _ => exception is IOException or System.Net.Sockets.SocketException,
    };

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            dataSource.Dispose();
        }

        base.Dispose(disposing);
    }
}
