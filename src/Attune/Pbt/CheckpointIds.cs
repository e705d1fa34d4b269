namespace Attune.Pbt;

/// <summary>Checkpoint ids: what a store accepts and how a segment names its checkpoint.</summary>
internal static class CheckpointIds
{
    /// <summary>Throws unless <paramref name="id"/> is a non-empty run of letters, digits, '-', '_' and '.' (not only dots).</summary>
    /// <param name="id">The id.</param>
    /// <exception cref="ArgumentException">The id is empty or has another character.</exception>
    public static void Validate(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || id.All(c => c == '.'))
        {
            throw new ArgumentException($"Checkpoint id '{id}' is invalid; use letters, digits, '-', '_' and '.'.", nameof(id));
        }
    }

    /// <summary>The id of the checkpoint a segment writes.</summary>
    /// <param name="studyName">The study (so that studies can share a store).</param>
    /// <param name="member">The member.</param>
    /// <param name="generation">The generation.</param>
    /// <param name="trialNumber">The segment's trial.</param>
    /// <returns>The id.</returns>
    public static string For(string studyName, int member, int generation, int trialNumber)
    {
        var safe = new string(studyName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        if (safe.Length > 48)
        {
            safe = safe[..48];
        }

        var hash = Randomness.StableHash.Of(studyName).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return $"{safe}-{hash[..8]}-m{member}-g{generation}-t{trialNumber}";
    }
}
