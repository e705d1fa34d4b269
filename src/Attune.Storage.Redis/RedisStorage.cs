using System.Globalization;
using Attune.Storage.Journal;
using StackExchange.Redis;

namespace Attune.Storage.Redis;

/// <summary>Opens a journal on Redis as an Attune storage.</summary>
public static class RedisStorage
{
    /// <summary>Connects to the Redis a <c>redis://</c> URL names and opens the journal kept there.</summary>
    /// <param name="url">The URL: <c>redis://[[user]:password@]host[:port][/db][?prefix=PREFIX]</c>; port 6379 and database 0 by default.</param>
    /// <param name="options">The clock and logging of the journal storage; default <see cref="JournalStorageOptions"/>'s defaults.</param>
    /// <returns>The storage; disposing it closes the connection.</returns>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    /// <exception cref="InvalidOperationException">Redis cannot be reached or refused the connection.</exception>
    public static JournalStorage Open(string url, JournalStorageOptions? options = null)
    {
        var (configuration, database, prefix) = Parse(url);
        IConnectionMultiplexer redis;
        try
        {
            redis = ConnectionMultiplexer.Connect(configuration);
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException($"Cannot connect to Redis at '{StorageUrl.Redact(url)}': {e.Message}", e);
        }

        // From here on the connection reconnects by itself; operations retry while it is down.
        var backend = new RedisJournalBackend(
            redis,
            database,
            new RedisJournalBackendOptions { Prefix = prefix, LoggerFactory = options?.LoggerFactory },
            ownsConnection: true);
        try
        {
            return new JournalStorage(backend, options);
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }

    /// <summary>The connection settings, database and key prefix of a <c>redis://</c> URL.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    public static (ConfigurationOptions Configuration, int Database, string Prefix) Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var shown = StorageUrl.Redact(url);
        const string Example = "redis://host:6379/0";
        var tls = url.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase);
        if (!tls && !url.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{shown}' is not a redis:// URL; write {Example}.", nameof(url));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{shown}' is not a valid URL with a host; write {Example}.", nameof(url));
        }

        var database = 0;
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0 && !int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out database))
        {
            throw new ArgumentException($"'{shown}': the database '{path}' is not a number; write {Example}.", nameof(url));
        }

        var prefix = string.Empty;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (key != "prefix" || equals < 0)
            {
                throw new ArgumentException($"'{shown}': unknown query part '{pair}'; only prefix=PREFIX is understood.", nameof(url));
            }

            prefix = Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = true,
            ConnectTimeout = 5000,
            SyncTimeout = 10_000,
            ConnectRetry = 2,
            Ssl = tls,
            ClientName = "attune",
            DefaultDatabase = database,
        };
        configuration.EndPoints.Add(uri.Host, uri.Port < 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            configuration.User = user.Length > 0 ? user : null;
            configuration.Password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        return (configuration, database, prefix);
    }
}
