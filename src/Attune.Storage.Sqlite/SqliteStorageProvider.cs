using Attune.Storage.Relational;
using Microsoft.Extensions.Logging;

namespace Attune.Storage.Sqlite;

/// <summary>
/// Opens <c>sqlite:PATH</c> URLs (also SQLAlchemy's <c>sqlite:///PATH</c>, where <c>sqlite:////abs/path.db</c> is
/// absolute) for <see cref="StorageUrl"/>: referencing this package is all it takes.
/// </summary>
public sealed class SqliteStorageProvider : IStorageProvider
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The URL is not a <c>sqlite:</c> URL, names no file, or a file in a directory that does not exist.</exception>
    public IStorage Open(string url, TimeProvider timeProvider, ILoggerFactory loggerFactory) =>
        new RelationalStorage(
            new SqliteDialect(ParsePath(url)),
            new RelationalStorageOptions { TimeProvider = timeProvider, LoggerFactory = loggerFactory });

    /// <summary>The file a <c>sqlite:</c> URL names.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The path, as written (relative paths are relative to the current directory).</returns>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    public static string ParsePath(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        const string Scheme = "sqlite:";
        if (!url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{url}' is not a sqlite: URL; write sqlite:PATH or sqlite:///PATH.", nameof(url));
        }

        var rest = url[Scheme.Length..];
        if (rest.StartsWith("///", StringComparison.Ordinal))
        {
            rest = rest[3..];
        }
        else if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{url}' names a host; write sqlite:PATH or sqlite:///PATH (sqlite:////PATH for an absolute path).", nameof(url));
        }

        if (rest.Length == 0)
        {
            throw new ArgumentException($"'{url}' names no file; write sqlite:PATH, e.g. sqlite:study.db.", nameof(url));
        }

        return rest;
    }
}
