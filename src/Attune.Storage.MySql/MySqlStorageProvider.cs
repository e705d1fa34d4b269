using Attune.Storage.Relational;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Attune.Storage.MySql;

/// <summary>
/// Opens <c>mysql://user:password@host:port/database</c> URLs (also SQLAlchemy's <c>mysql+pymysql://</c> and
/// <c>mysql+mysqldb://</c>, and <c>mariadb://</c>) for <see cref="StorageUrl"/>: referencing this package is all it
/// takes. Query parameters are passed to MySqlConnector as connection string keywords.
/// </summary>
public sealed class MySqlStorageProvider : IStorageProvider
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    /// <exception cref="InvalidOperationException">The server refused the connection (wrong password, no such database), or holds a schema Attune does not read.</exception>
    /// <exception cref="TimeoutException">The server could not be reached.</exception>
    public IStorage Open(string url, TimeProvider timeProvider, ILoggerFactory loggerFactory) =>
        MySqlStorage.Open(url, new RelationalStorageOptions { TimeProvider = timeProvider, LoggerFactory = loggerFactory });

    /// <summary>The MySqlConnector connection string for a <c>mysql://</c> URL.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The connection string.</returns>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    public static string ConnectionString(string url)
    {
        var parts = DatabaseUrl.Parse(url, ["mysql", "mysql+pymysql", "mysql+mysqldb", "mysql+mysqlconnector", "mariadb", "mariadb+pymysql"], 3306);
        var builder = new MySqlConnectionStringBuilder
        {
            Server = parts.Host,
            Port = (uint)parts.Port,
            Database = parts.Database,
            UserID = parts.User ?? string.Empty,
            Password = parts.Password ?? string.Empty,
            ConnectionTimeout = 15,
            UseAffectedRows = false,
            ConnectionReset = true,
            ApplicationName = "attune",
        };
        foreach (var (key, value) in parts.Options)
        {
            if (key.Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                // SQLAlchemy's ?charset=utf8mb4: MySqlConnector always speaks utf8mb4.
                continue;
            }

            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException)
            {
                throw new ArgumentException($"'{StorageUrl.Redact(url)}': the option '{key}={value}' is not a MySqlConnector connection string keyword with a valid value ({e.Message}).", nameof(url), e);
            }
        }

        return builder.ConnectionString;
    }
}
