using Attune.Storage.Relational;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Attune.Storage.Postgres;

/// <summary>
/// Opens <c>postgresql://user:password@host:port/database</c> URLs (also <c>postgres://</c> and SQLAlchemy's
/// <c>postgresql+psycopg2://</c>) for <see cref="StorageUrl"/>: referencing this package is all it takes. Query
/// parameters are passed to Npgsql as connection string keywords (e.g. <c>?Maximum Pool Size=20</c>).
/// </summary>
public sealed class PostgresStorageProvider : IStorageProvider
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    /// <exception cref="InvalidOperationException">The server refused the connection (wrong password, no such database), or holds a schema Attune does not read.</exception>
    /// <exception cref="TimeoutException">The server could not be reached.</exception>
    public IStorage Open(string url, TimeProvider timeProvider, ILoggerFactory loggerFactory) =>
        PostgresStorage.Open(url, new RelationalStorageOptions { TimeProvider = timeProvider, LoggerFactory = loggerFactory });

    /// <summary>The Npgsql connection string for a <c>postgresql://</c> URL.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The connection string.</returns>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    public static string ConnectionString(string url)
    {
        var parts = DatabaseUrl.Parse(url, ["postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg", "postgresql+asyncpg"], 5432);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parts.Host,
            Port = parts.Port,
            Database = parts.Database,
            Username = parts.User,
            Password = parts.Password,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            Timeout = 15,
            ApplicationName = "attune",
        };
        foreach (var (key, value) in parts.Options)
        {
            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException)
            {
                throw new ArgumentException($"'{StorageUrl.Redact(url)}': the option '{key}={value}' is not an Npgsql connection string keyword with a valid value ({e.Message}).", nameof(url), e);
            }
        }

        return builder.ConnectionString;
    }
}
