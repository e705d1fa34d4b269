namespace Attune.Samplers;

/// <summary>NSGA-II's crowding distance (Deb et al., 2002).</summary>
internal static class CrowdingDistance
{
    /// <summary>
    /// The crowding distance of each point of one front: summed over the objectives, the gap between the
    /// point's two neighbours in that objective divided by the objective's range in the front. The points
    /// with the smallest and largest value of an objective get +∞; an objective whose values are all equal
    /// adds nothing. Ties in an objective are ordered by index, so the result is deterministic.
    /// </summary>
    /// <param name="points">The objective vectors of the front (minimized), all of one length.</param>
    /// <returns>One distance per point.</returns>
    public static double[] Compute(IReadOnlyList<double[]> points)
    {
        var n = points.Count;
        var distance = new double[n];
        if (n == 0)
        {
            return distance;
        }

        var order = new int[n];
        for (var m = 0; m < points[0].Length; m++)
        {
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }

            var objective = m;
            Array.Sort(order, (a, b) =>
            {
                var c = points[a][objective].CompareTo(points[b][objective]);
                return c != 0 ? c : a.CompareTo(b);
            });
            var low = points[order[0]][m];
            var high = points[order[n - 1]][m];
            var width = high - low;
            if (!(width > 0))
            {
                continue;
            }

            distance[order[0]] = double.PositiveInfinity;
            distance[order[n - 1]] = double.PositiveInfinity;
            for (var k = 1; k < n - 1; k++)
            {
                distance[order[k]] += (points[order[k + 1]][m] - points[order[k - 1]][m]) / width;
            }
        }

        return distance;
    }
}
