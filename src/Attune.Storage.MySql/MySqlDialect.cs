using System.Data;
using System.Data.Common;
using Attune.Storage.Relational;
using MySqlConnector;

namespace Attune.Storage.MySql;

/// <summary>
/// MySQL 8 and MariaDB 10.6+ for <see cref="RelationalStorage"/> (MySqlConnector, pooled). Creating a trial locks the
/// study's row; starting an enqueued trial uses <c>FOR UPDATE SKIP LOCKED</c>; heartbeats use the server's clock.
/// Dropped connections (a restart, <c>KILL</c>) and deadlocks are retried.
/// </summary>
public sealed class MySqlDialect : SqlDialect
{
    private static readonly HashSet<int> TransientErrors =
    [
        1040, // too many connections
        1053, // server shutdown in progress
        1205, // lock wait timeout
        1213, // deadlock
        1317, // query interrupted
        1927, // connection killed (MariaDB)
        2002, // cannot connect
        2003, // cannot connect to host
        2006, // server has gone away
        2013, // lost connection during query
    ];

    private readonly string connectionString;

    /// <summary>Uses the database a connection string names.</summary>
    /// <param name="connectionString">A MySqlConnector connection string.</param>
    /// <param name="displayName">The database for messages, without password.</param>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public MySqlDialect(string connectionString, string displayName)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        this.connectionString = connectionString;
        DisplayName = displayName;
    }

    /// <inheritdoc/>
    public override string DisplayName { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> CreateSchemaStatements { get; } = MySqlSchema.Statements;

    /// <inheritdoc/>
    public override string? SchemaLockSql => "SELECT GET_LOCK('attune_schema', 120)";

    /// <inheritdoc/>
    public override string? SchemaUnlockSql => "SELECT RELEASE_LOCK('attune_schema')";

    /// <inheritdoc/>
    public override string TableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = @name";

    /// <inheritdoc/>
    public override string IndexExistsSql =>
        "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name = @name";

    /// <inheritdoc/>
    public override string ForUpdate => " FOR UPDATE";

    /// <inheritdoc/>
    public override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    /// <inheritdoc/>
    public override string? HeartbeatNowSql => "CURRENT_TIMESTAMP(6)";

    /// <inheritdoc/>
    public override DbConnection OpenConnection()
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override void ReleaseConnection(DbConnection connection, bool broken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (broken && connection is MySqlConnection mysql)
        {
            MySqlConnection.ClearPool(mysql);
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
    public override string FromDual => " FROM DUAL";

    /// <inheritdoc/>
    public override string Quote(string identifier) => "`" + identifier + "`";

    /// <inheritdoc/>
    /// <remarks>MySQL has no <c>RETURNING</c>; the generated key comes from the command.</remarks>
    public override bool InsertReturns => false;

    /// <inheritdoc/>
    public override long ExecuteInsert(DbCommand command, string idColumn)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.ExecuteNonQuery();
        return ((MySqlCommand)command).LastInsertedId;
    }

    /// <inheritdoc/>
    public override bool IsUniqueViolation(Exception exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    /// <inheritdoc/>
    public override bool IsTransient(Exception exception) => exception switch
    {
        MySqlException m => m.IsTransient || TransientErrors.Contains(m.Number) || m.ErrorCode is MySqlErrorCode.UnableToConnectToHost,
        _ => exception is IOException or System.Net.Sockets.SocketException || exception.InnerException is IOException or System.Net.Sockets.SocketException,
    };
}
