namespace Attune.Pruners;

/// <summary>
/// NSGA-II's crowding distance, computed within each non-domination front: per objective, the
/// points at either end of the front get +∞ and the others the gap between their neighbours divided
/// by the front's range; the distances add up over objectives. An objective whose range in the front
/// is zero or not finite adds nothing (its end points still get +∞).
/// </summary>
internal static class CrowdingDistance
{
    /// <summary>The crowding distance of every point within its front.</summary>
    /// <param name="points">The points, minimized, NaN-free.</param>
    /// <param name="ranks">Each point's non-domination rank.</param>
    /// <returns>One distance per point.</returns>
    public static double[] OfFronts(double[][] points, int[] ranks)
    {
        var distances = new double[points.Length];
        var fronts = new Dictionary<int, List<int>>();
        for (var i = 0; i < points.Length; i++)
        {
            if (!fronts.TryGetValue(ranks[i], out var front))
            {
                fronts[ranks[i]] = front = [];
            }

            front.Add(i);
        }

        foreach (var front in fronts.Values)
        {
            OfFront(points, front, distances);
        }

        return distances;
    }

    private static void OfFront(double[][] points, List<int> front, double[] distances)
    {
        if (front.Count <= 2)
        {
            foreach (var i in front)
            {
                distances[i] = double.PositiveInfinity;
            }

            return;
        }

        var order = front.ToArray();
        for (var m = 0; m < points[order[0]].Length; m++)
        {
            // Ties broken by index so that the order (and the distances) do not depend on the sort.
            Array.Sort(order, (a, b) =>
            {
                var byValue = points[a][m].CompareTo(points[b][m]);
                return byValue != 0 ? byValue : a.CompareTo(b);
            });
            distances[order[0]] = double.PositiveInfinity;
            distances[order[^1]] = double.PositiveInfinity;
            var range = points[order[^1]][m] - points[order[0]][m];
            if (range == 0 || !double.IsFinite(range))
            {
                continue;
            }

            for (var k = 1; k < order.Length - 1; k++)
            {
                distances[order[k]] += (points[order[k + 1]][m] - points[order[k - 1]][m]) / range;
            }
        }
    }
}
