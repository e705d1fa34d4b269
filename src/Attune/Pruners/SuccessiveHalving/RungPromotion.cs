using Attune.MultiObjective;

namespace Attune.Pruners;

/// <summary>
/// Whether the last of the values at a rung is in the best 1/η of them. One objective: Optuna's
/// rule, ties at the boundary promoted. Several: ranked by non-domination rank, then crowding
/// distance within the front.
/// </summary>
internal static class RungPromotion
{
    /// <summary>Whether <c>values[^1]</c> (the deciding trial) is promotable among <paramref name="values"/>.</summary>
    /// <param name="values">The values at the rung, this trial's last; NaN-free.</param>
    /// <param name="reductionFactor">η.</param>
    /// <param name="directions">The study's directions, one per objective.</param>
    public static bool IsPromotable(List<double[]> values, int reductionFactor, IReadOnlyList<StudyDirection> directions)
    {
        // The first η - 1 trials at a rung cannot fill a top 1/η: they pass only as the best so far.
        var promotable = Math.Max((values.Count / reductionFactor) - 1, 0);
        return directions.Count == 1
            ? IsPromotable(values, promotable, directions[0])
            : IsParetoPromotable(values, promotable, directions);
    }

    /// <summary>One objective: at most <paramref name="promotable"/> values are strictly better than the trial's.</summary>
    private static bool IsPromotable(List<double[]> values, int promotable, StudyDirection direction)
    {
        var value = values[^1][0];
        var better = 0;
        foreach (var other in values)
        {
            if (direction == StudyDirection.Maximize ? other[0] > value : other[0] < value)
            {
                better++;
            }
        }

        return better <= promotable;
    }

    /// <summary>
    /// Several objectives: the trial is promotable when its (rank, −crowding) is no worse than that of
    /// the element at position <paramref name="promotable"/> of the sorted order.
    /// </summary>
    private static bool IsParetoPromotable(List<double[]> values, int promotable, IReadOnlyList<StudyDirection> directions)
    {
        var points = new double[values.Count][];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new double[directions.Count];
            for (var j = 0; j < directions.Count; j++)
            {
                points[i][j] = directions[j] == StudyDirection.Maximize ? -values[i][j] : values[i][j];
            }
        }

        var ranks = ParetoFront.NonDominatedRanks(points);
        var crowding = CrowdingDistance.OfFronts(points, ranks);
        var order = new int[points.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => Compare(ranks, crowding, a, b));
        return Compare(ranks, crowding, points.Length - 1, order[promotable]) <= 0;
    }

    /// <summary>Orders by rank ascending, then crowding distance descending.</summary>
    private static int Compare(int[] ranks, double[] crowding, int a, int b)
    {
        var byRank = ranks[a].CompareTo(ranks[b]);
        return byRank != 0 ? byRank : crowding[b].CompareTo(crowding[a]);
    }
}
