using Attune.Storage;

namespace Attune.Cli;

/// <summary>Opens the storage a command names, with messages that say what is wrong with the URL.</summary>
internal static class StorageOpener
{
    /// <summary>The environment variable that supplies the storage URL when <c>--storage</c> is not given.</summary>
    public const string EnvironmentVariable = "ATTUNE_STORAGE";

    /// <summary>The storage URL from the option, or else from <see cref="EnvironmentVariable"/>.</summary>
    /// <exception cref="CliException">Neither is set.</exception>
    public static string Resolve(string? url) =>
        !string.IsNullOrWhiteSpace(url) ? url
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : throw new CliException(ExitCodes.Usage, $"no storage given: pass --storage URL (e.g. --storage journal:study.journal) or set {EnvironmentVariable}.");

    /// <summary>Opens a storage.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="mustExist">For commands that only read: a journal file that does not exist is an error instead of a new empty file.</param>
    /// <exception cref="CliException">The URL is malformed or unknown, its package is missing, or the file is missing or unreadable (exit code <see cref="ExitCodes.Storage"/>).</exception>
    public static IStorage Open(string url, bool mustExist)
    {
        if (mustExist && JournalPath(url) is { Length: > 0 } path && !File.Exists(path))
        {
            throw new CliException(ExitCodes.Storage, $"the journal file '{path}' (storage '{url}') does not exist.");
        }

        try
        {
            return StorageUrl.Open(url);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            var message = e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
                ? e.Message[..^$" (Parameter '{name}')".Length]
                : e.Message;
            throw new CliException(ExitCodes.Storage, $"cannot open storage '{StorageUrl.Redact(url)}': {message}", e);
        }
    }

    /// <summary>The file of a <c>journal:</c> URL, or <see langword="null"/> for another scheme.</summary>
    public static string? JournalPath(string url)
    {
        if (!url.StartsWith("journal:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = url["journal:".Length..];
        return path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path;
    }
}
