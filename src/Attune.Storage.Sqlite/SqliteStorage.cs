using Attune.Storage.Relational;

namespace Attune.Storage.Sqlite;

/// <summary>Opens a SQLite file as an Attune storage.</summary>
public static class SqliteStorage
{
    /// <summary>Opens (creating it with Optuna's schema when missing) the SQLite file at <paramref name="path"/>.</summary>
    /// <param name="path">The database file; its directory must exist.</param>
    /// <param name="options">Clock, logging and retries; default <see cref="RelationalStorageOptions"/>'s defaults.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="ArgumentException">The path is empty or its directory does not exist.</exception>
    /// <exception cref="InvalidOperationException">The file holds a schema Attune does not read.</exception>
    public static RelationalStorage Open(string path, RelationalStorageOptions? options = null) =>
        new(new SqliteDialect(path), options);
}
