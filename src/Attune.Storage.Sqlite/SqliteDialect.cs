using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Attune.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Attune.Storage.Sqlite;

/// <summary>
/// SQLite for <see cref="RelationalStorage"/> (Microsoft.Data.Sqlite). The file is put in WAL mode (readers never wait
/// for the writer), writes run in <c>BEGIN IMMEDIATE</c> transactions (one writer at a time, decided when the
/// transaction starts, so an enqueued trial is taken once), and a busy file is waited for (busy timeout, then
/// retries) instead of failing with "database is locked". Commits survive a killed process; with
/// <c>synchronous=NORMAL</c>, the last commits before a power loss may be lost.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    private const int BusyTimeoutMs = 60_000;
    private const int CommandTimeoutSeconds = 120;
    private const int BusyCode = 5;
    private const int LockedCode = 6;
    private const int ConstraintCode = 19;
    private const int UniqueExtendedCode = 2067;
    private const int PrimaryKeyExtendedCode = 1555;

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd",
    ];

    private readonly string connectionString;
    private readonly ConcurrentBag<SqliteConnection> idle = [];
    private volatile bool disposed;

    /// <summary>Uses the SQLite file at <paramref name="path"/>, created when missing.</summary>
    /// <param name="path">The database file; its directory must exist.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, in-memory, or in a directory that does not exist.</exception>
    public SqliteDialect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == ":memory:" || path.StartsWith("file::memory:", StringComparison.Ordinal))
        {
            throw new ArgumentException("An in-memory SQLite database cannot be shared by connections; use memory: for an in-memory study, or a file path.", nameof(path));
        }

        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new ArgumentException($"The directory of the SQLite file '{Path}' does not exist; create it first.", nameof(path));
        }

        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = CommandTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string DisplayName => "sqlite:" + Path;

    /// <inheritdoc/>
    public override IReadOnlyList<string> CreateSchemaStatements { get; } = SqliteSchema.Statements;

    /// <inheritdoc/>
    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";

    /// <inheritdoc/>
    public override string IndexExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = @name";

    /// <inheritdoc/>
    public override string ForUpdate => string.Empty;

    /// <inheritdoc/>
    public override string ForUpdateSkipLocked => string.Empty;

    /// <inheritdoc/>
    public override string? HeartbeatNowSql => null;

    /// <inheritdoc/>
    public override DbConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryTake(out var pooled))
        {
            return pooled;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            command.ExecuteNonQuery();
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
        if (broken || disposed || connection is not SqliteConnection sqlite || IsLost(connection))
        {
            connection.Dispose();
            return;
        }

        idle.Add(sqlite);
        if (disposed && idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    /// <inheritdoc/>
    public override DbTransaction BeginTransaction(DbConnection connection, bool write) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: !write);

    /// <inheritdoc/>
    public override object DateTimeValue(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override DateTime? ReadDateTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var text = reader.GetString(ordinal);
        return DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new FormatException($"'{text}' in the SQLite file '{Path}' is not a timestamp.");
    }

    /// <inheritdoc/>
    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: ConstraintCode } e
        && e.SqliteExtendedErrorCode is UniqueExtendedCode or PrimaryKeyExtendedCode;

    /// <inheritdoc/>
    public override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: BusyCode or LockedCode };

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        disposed = true;
        while (idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
