namespace Attune.Randomness;

/// <summary>
/// A hash of strings that is the same in every process and on every platform (FNV-1a over UTF-16
/// code units), for deriving random streams from parameter names. <see cref="string.GetHashCode()"/>
/// is randomized per process and cannot be used for that.
/// </summary>
public static class StableHash
{
    /// <summary>The 64-bit FNV-1a hash of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hash.</returns>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
