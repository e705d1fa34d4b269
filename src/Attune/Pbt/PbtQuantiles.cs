namespace Attune.Pbt;

/// <summary>
/// Truncation selection: the members ranked by score, the best and the worst
/// ⌈quantile·n⌉ of them (never more than half, so the two never overlap). Ties rank the lower member first.
/// </summary>
internal static class PbtQuantiles
{
    /// <summary>Splits ranked members into the top and bottom quantile.</summary>
    /// <param name="scores">Each ranked member with its score.</param>
    /// <param name="quantile">The fraction in (0, 0.5].</param>
    /// <param name="direction">Whether a larger score is better.</param>
    /// <returns>The top members (best first) and the bottom members (worst last); both empty with fewer than two members.</returns>
    public static (IReadOnlyList<int> Top, IReadOnlyList<int> Bottom) Split(
        IReadOnlyList<(int Member, double Score)> scores, double quantile, StudyDirection direction)
    {
        if (scores.Count < 2)
        {
            return ([], []);
        }

        var ranked = (direction == StudyDirection.Maximize
                ? scores.OrderByDescending(s => s.Score)
                : scores.OrderBy(s => s.Score))
            .ThenBy(s => s.Member)
            .Select(s => s.Member)
            .ToArray();
        var count = Math.Min((int)Math.Ceiling(scores.Count * quantile), scores.Count / 2);
        return (ranked[..count], ranked[^count..]);
    }
}
