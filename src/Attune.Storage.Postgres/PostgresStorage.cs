using Attune.Storage.Relational;

namespace Attune.Storage.Postgres;

/// <summary>Opens a PostgreSQL database as an Attune storage.</summary>
public static class PostgresStorage
{
    /// <summary>Opens the database a <c>postgresql://</c> URL names, creating Optuna's schema when it has none.</summary>
    /// <param name="url">The URL, e.g. <c>postgresql://user:password@host:5432/database</c>.</param>
    /// <param name="options">Clock, logging and retries; default <see cref="RelationalStorageOptions"/>'s defaults.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    /// <exception cref="InvalidOperationException">The server refused the connection (wrong password, no such database), or holds a schema Attune does not read.</exception>
    /// <exception cref="TimeoutException">The server could not be reached.</exception>
    public static RelationalStorage Open(string url, RelationalStorageOptions? options = null)
    {
        var dialect = new PostgresDialect(PostgresStorageProvider.ConnectionString(url), StorageUrl.Redact(url));
        return RelationalStorage.Open(dialect, options);
    }
}
