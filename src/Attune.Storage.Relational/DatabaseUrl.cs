using System.Globalization;

namespace Attune.Storage.Relational;

/// <summary>
/// The parts of a database server URL, <c>scheme://user:password@host:port/database?key=value&amp;…</c>, as SQLAlchemy
/// and Optuna write them (user and password percent-encoded).
/// </summary>
/// <param name="Host">The server's host name or address.</param>
/// <param name="Port">The server's port.</param>
/// <param name="Database">The database name.</param>
/// <param name="User">The user, or <see langword="null"/>.</param>
/// <param name="Password">The password, or <see langword="null"/>.</param>
/// <param name="Options">The query parameters, in order.</param>
public sealed record DatabaseUrl(string Host, int Port, string Database, string? User, string? Password, IReadOnlyList<KeyValuePair<string, string>> Options)
{
    /// <summary>Parses a server URL.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="schemes">The schemes accepted (without <c>://</c>), the first being the one shown in messages.</param>
    /// <param name="defaultPort">The port when the URL gives none.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="ArgumentException">The URL is malformed, has another scheme, or names no host or database. Messages show the URL without its password.</exception>
    public static DatabaseUrl Parse(string url, IReadOnlyList<string> schemes, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(schemes);
        var shown = StorageUrl.Redact(url);
        var example = $"{schemes[0]}://user:password@host:port/database";
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0 || !schemes.Contains(url[..separator].ToLowerInvariant()))
        {
            throw new ArgumentException($"'{shown}' is not a {schemes[0]}:// URL; write {example}.", nameof(url));
        }

        // Parsed under a neutral scheme (some schemes, e.g. "postgresql+psycopg2", are no valid URI schemes).
        if (!Uri.TryCreate("attune" + url[separator..], UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{shown}' is not a valid URL (percent-encode special characters of the user and password); write {example}.", nameof(url));
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{shown}' names no host; write {example}.", nameof(url));
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{shown}' names no database (or a path with several parts); write {example}.", nameof(url));
        }

        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        var options = new List<KeyValuePair<string, string>>();
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"'{shown}': the query part '{pair}' is not key=value.", nameof(url));
            }

            options.Add(new(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..])));
        }

        var port = uri.Port < 0 ? defaultPort : uri.Port;
        return new DatabaseUrl(uri.Host, port, database, user, password, options);
    }

    /// <summary>The URL's parts without the password, for messages.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{User ?? string.Empty}@{Host}:{Port}/{Database}");
}
