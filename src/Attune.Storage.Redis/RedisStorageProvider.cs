using Attune.Storage.Journal;
using Microsoft.Extensions.Logging;

namespace Attune.Storage.Redis;

/// <summary>
/// Opens <c>redis://[:password@]host:port[/db][?prefix=PREFIX]</c> URLs (and <c>rediss://</c> for TLS) for
/// <see cref="StorageUrl"/>: a <see cref="JournalStorage"/> over a <see cref="RedisJournalBackend"/>. Referencing this
/// package is all it takes.
/// </summary>
public sealed class RedisStorageProvider : IStorageProvider
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    /// <exception cref="InvalidOperationException">Redis cannot be reached or refused the connection.</exception>
    public IStorage Open(string url, TimeProvider timeProvider, ILoggerFactory loggerFactory) =>
        RedisStorage.Open(url, new JournalStorageOptions { TimeProvider = timeProvider, LoggerFactory = loggerFactory });
}
