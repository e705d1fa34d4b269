using System.Diagnostics.CodeAnalysis;
using Attune.Storage.InMemory;
using Attune.Storage.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Storage;

/// <summary>
/// Opens a storage from its URL: <c>memory:</c> and <c>journal:PATH</c> in the core; <c>sqlite:</c>,
/// <c>postgresql://</c>, <c>mysql://</c> and <c>redis://</c> from their provider packages, found by name
/// when the package is referenced.
/// </summary>
public static class StorageUrl
{
    /// <summary>Opens the storage that <paramref name="url"/> names.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="timeProvider">The clock for trial times; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where the storage logs; default none.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="ArgumentException">The URL is empty, malformed, or has an unknown scheme.</exception>
    /// <exception cref="InvalidOperationException">The scheme's provider package is not referenced.</exception>
    public static IStorage Open(string url, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var time = timeProvider ?? TimeProvider.System;
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new ArgumentException(
                $"'{url}' is not a storage URL; use memory:, journal:PATH, sqlite:PATH, postgresql://…, mysql://… or redis://….", nameof(url));
        }

        var scheme = url[..colon].ToLowerInvariant();
        switch (scheme)
        {
            case "memory":
                return new InMemoryStorage(time);
            case "journal":
                var path = url[(colon + 1)..];
                if (path.StartsWith("//", StringComparison.Ordinal))
                {
                    path = path[2..];
                }

                if (path.Length == 0)
                {
                    throw new ArgumentException($"'{url}' names no file; write journal:PATH, e.g. journal:study.journal.", nameof(url));
                }

                return new JournalStorage(
                    new JournalFileBackend(path, new JournalFileBackendOptions { LoggerFactory = logs }),
                    new JournalStorageOptions { TimeProvider = time, LoggerFactory = logs });
            case "sqlite":
                return FromPackage(ProviderType("Attune.Storage.Sqlite.SqliteStorageProvider, Attune.Storage.Sqlite"), "Attune.Storage.Sqlite", url, time, logs);
            case "postgresql":
            case "postgres":
                return FromPackage(ProviderType("Attune.Storage.Postgres.PostgresStorageProvider, Attune.Storage.Postgres"), "Attune.Storage.Postgres", url, time, logs);
            case "mysql":
                return FromPackage(ProviderType("Attune.Storage.MySql.MySqlStorageProvider, Attune.Storage.MySql"), "Attune.Storage.MySql", url, time, logs);
            case "redis":
                return FromPackage(ProviderType("Attune.Storage.Redis.RedisStorageProvider, Attune.Storage.Redis"), "Attune.Storage.Redis", url, time, logs);
            default:
                throw new ArgumentException(
                    $"Unknown storage scheme '{scheme}:' in '{url}'; known schemes are memory:, journal:, sqlite:, postgresql://, mysql:// and redis://.",
                    nameof(url));
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2057", Justification = "Provider type names are constants; a trimmed-away provider reports the package to add.")]
    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    private static Type? ProviderType(string assemblyQualifiedName)
    {
        try
        {
            return Type.GetType(assemblyQualifiedName, throwOnError: false);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IStorage FromPackage(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type? type,
        string package,
        string url,
        TimeProvider time,
        ILoggerFactory logs)
    {
        if (type is null || Activator.CreateInstance(type) is not IStorageProvider provider)
        {
            throw new InvalidOperationException(
                $"The storage URL '{Redact(url)}' needs the {package} package; add it with 'dotnet add package {package}'.");
        }

        return provider.Open(url, time, logs);
    }

    /// <summary>The URL with any password replaced by <c>***</c>, for messages.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The redacted URL.</returns>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (scheme < 0 || at < 0)
        {
            return url;
        }

        var colon = url.IndexOf(':', scheme + 3);
        return colon >= 0 && colon < at ? string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at)) : url;
    }
}
