using Microsoft.Extensions.Logging;

namespace Attune.Storage;

/// <summary>
/// Opens storages for a URL scheme. A provider package (Attune.Storage.Sqlite, …) holds one public
/// class implementing this interface with a parameterless constructor, named as
/// <see cref="StorageUrl"/> expects, so that referencing the package is all it takes to use its URLs.
/// </summary>
public interface IStorageProvider
{
    /// <summary>Opens the storage at <paramref name="url"/>.</summary>
    /// <param name="url">The full URL, scheme included.</param>
    /// <param name="timeProvider">The clock for trial times.</param>
    /// <param name="loggerFactory">Where the storage logs.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    IStorage Open(string url, TimeProvider timeProvider, ILoggerFactory loggerFactory);
}
