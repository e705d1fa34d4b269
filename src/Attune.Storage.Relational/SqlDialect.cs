using System.Data;
using System.Data.Common;

namespace Attune.Storage.Relational;

/// <summary>
/// What differs between databases for <see cref="RelationalStorage"/>: connections, transactions, the schema's DDL,
/// a few SQL fragments, and which errors mean "try again" or "duplicate". The SQLite, PostgreSQL and MySQL packages
/// each hold one. Implementations are thread-safe.
/// </summary>
public abstract class SqlDialect : IDisposable
{
    /// <summary>The database and where it is, for messages, without any password (e.g. <c>sqlite:/data/study.db</c>).</summary>
    public abstract string DisplayName { get; }

    /// <summary>The DDL that creates Optuna's schema (tables, indexes, types), in order; run inside one transaction under <see cref="SchemaLockSql"/>.</summary>
    public abstract IReadOnlyList<string> CreateSchemaStatements { get; }

    /// <summary>A statement that serializes schema creation between processes, run first in the schema transaction; <see langword="null"/> when the transaction itself does.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public virtual string? SchemaLockSql => null;

    /// <summary>A statement that releases <see cref="SchemaLockSql"/> after the schema transaction ends; <see langword="null"/> when the lock ends with the transaction.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public virtual string? SchemaUnlockSql => null;

    /// <summary>A query with parameter <c>@name</c> that returns the number of tables named so in the current database or schema.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>A query with parameter <c>@name</c> that returns the number of indexes named so in the current database or schema.</summary>
    public abstract string IndexExistsSql { get; }

    /// <summary>The clause that locks the selected rows for the rest of the transaction (<c> FOR UPDATE</c>), or an empty string where the write transaction already excludes other writers (SQLite).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>The clause that locks the selected rows and skips rows others have locked (<c> FOR UPDATE SKIP LOCKED</c>), or an empty string where the write transaction already excludes other writers.</summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>The database clock's current time as a naive timestamp for heartbeats, in SQL; <see langword="null"/> to use the storage's <see cref="TimeProvider"/> in UTC (for an embedded database, whose clock is the machine's anyway).</summary>
    public abstract string? HeartbeatNowSql { get; }

    /// <summary>Opens a connection ready for use (or takes one from a pool).</summary>
    /// <returns>An open connection.</returns>
    public abstract DbConnection OpenConnection();

    /// <summary>Gives back a connection from <see cref="OpenConnection"/>.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="broken">Whether it failed with a connection-level error; a broken connection is discarded, and so are idle ones that may be broken alike.</param>
    public abstract void ReleaseConnection(DbConnection connection, bool broken);

    /// <summary>Starts a transaction: a write transaction excludes other writers as the database allows (e.g. SQLite's <c>BEGIN IMMEDIATE</c>); a read transaction sees one consistent snapshot.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="write">Whether the transaction writes.</param>
    /// <returns>The transaction.</returns>
    public abstract DbTransaction BeginTransaction(DbConnection connection, bool write);

    /// <summary>A parameter reference as a value of one of Optuna's enum columns (PostgreSQL's native enum types need a cast).</summary>
    /// <param name="parameter">The parameter, e.g. <c>@state</c>.</param>
    /// <param name="enumType">Optuna's enum type name: <c>trialstate</c>, <c>studydirection</c>, <c>trialvaluetype</c> or <c>trialintermediatevaluetype</c>.</param>
    /// <returns>The SQL expression.</returns>
    public virtual string EnumValue(string parameter, string enumType) => parameter;

    /// <summary>An enum column read as text.</summary>
    /// <param name="column">The column.</param>
    /// <returns>The SQL expression.</returns>
    public virtual string EnumText(string column) => column;

    /// <summary>What a SELECT without tables needs before a WHERE clause: <c> FROM DUAL</c> on MySQL, nothing elsewhere.</summary>
    /// <value>Default empty.</value>
    public virtual string FromDual => string.Empty;

    /// <summary>Quotes an identifier that is a reserved word in some databases (<c>key</c>).</summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>The quoted identifier.</returns>
    public virtual string Quote(string identifier) => "\"" + identifier + "\"";

    /// <summary>Whether an <c>INSERT … SELECT</c> can end in <c>RETURNING</c> columns of the new row, as <see cref="ExecuteInsert"/> uses.</summary>
    public virtual bool InsertReturns => true;

    /// <summary>Runs an INSERT and returns the generated key of the new row.</summary>
    /// <param name="command">The INSERT command, parameters bound, without a RETURNING clause.</param>
    /// <param name="idColumn">The generated key column.</param>
    /// <returns>The new row's key.</returns>
    public virtual long ExecuteInsert(DbCommand command, string idColumn)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText += " RETURNING " + idColumn;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The parameter value for a naive (zone-less) timestamp column.</summary>
    /// <param name="value">The time, of kind <see cref="DateTimeKind.Unspecified"/>.</param>
    /// <returns>What to bind.</returns>
    public virtual object DateTimeValue(DateTime value) => value;

    /// <summary>Reads a naive timestamp column.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column.</param>
    /// <returns>The time, of kind <see cref="DateTimeKind.Unspecified"/>, or <see langword="null"/>.</returns>
    /// <exception cref="FormatException">The column holds no timestamp.</exception>
    public virtual DateTime? ReadDateTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Unspecified);
    }

    /// <summary>Whether the error is a violation of a unique constraint.</summary>
    /// <param name="exception">The error.</param>
    /// <returns><see langword="true"/> for a duplicate key.</returns>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Whether the operation may succeed when tried again: a lost or refused connection, a server restarting, a deadlock, a lock or busy timeout.</summary>
    /// <param name="exception">The error.</param>
    /// <returns><see langword="true"/> when retrying makes sense.</returns>
    public abstract bool IsTransient(Exception exception);

    /// <summary>Releases pooled connections.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases pooled connections.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Whether the connection's state shows it was lost.</summary>
    /// <param name="connection">The connection, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when it is closed or broken.</returns>
    protected internal static bool IsLost(DbConnection? connection) =>
        connection is not null && connection.State is ConnectionState.Broken or ConnectionState.Closed;
}
