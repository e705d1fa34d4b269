namespace Attune.Bench.Runner;

/// <summary>
/// The exact hypervolume of a set of points (minimization) for a reference point: the Lebesgue
/// measure of { y : some s in the set has s ≤ y ≤ r }. Two objectives: sort by f1 and sum the
/// staircase; more: slice along the last objective and recurse.
/// </summary>
/// <remarks>
/// The bench's own copy, because <c>Attune.MultiObjective.Hypervolume.Compute</c> is not in this
/// branch yet; swap the call in <see cref="BenchRunner"/> for the library's at merge (the two must
/// agree, which <c>HypervolumeTests</c> in the bench tests can check).
/// </remarks>
public static class ExactHypervolume
{
    /// <summary>Computes the hypervolume.</summary>
    /// <param name="points">The objective vectors, each as long as <paramref name="reference"/>.</param>
    /// <param name="reference">The reference point; points not strictly below it in every objective add nothing.</param>
    /// <returns>The hypervolume.</returns>
    /// <exception cref="ArgumentException">A point's length differs from the reference point's, or a value is NaN.</exception>
    public static double Compute(IReadOnlyList<double[]> points, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (reference.Length == 0)
        {
            throw new ArgumentException("The reference point needs at least one objective.", nameof(reference));
        }

        var kept = new List<double[]>(points.Count);
        foreach (var point in points)
        {
            ArgumentNullException.ThrowIfNull(point, nameof(points));
            if (point.Length != reference.Length)
            {
                throw new ArgumentException(
                    $"A point has {point.Length} objectives but the reference point has {reference.Length}.", nameof(points));
            }

            var below = true;
            for (var k = 0; k < point.Length; k++)
            {
                if (double.IsNaN(point[k]))
                {
                    throw new ArgumentException("A point holds NaN.", nameof(points));
                }

                below &= point[k] < reference[k];
            }

            if (below)
            {
                kept.Add(point);
            }
        }

        return Volume(kept, reference.ToArray(), reference.Length);
    }

    private static double Volume(List<double[]> points, double[] reference, int dims)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        if (dims == 1)
        {
            var min = double.PositiveInfinity;
            foreach (var p in points)
            {
                min = Math.Min(min, p[0]);
            }

            return reference[0] - min;
        }

        if (dims == 2)
        {
            points.Sort(static (a, b) => a[0] != b[0] ? a[0].CompareTo(b[0]) : a[1].CompareTo(b[1]));
            var volume = 0.0;
            var ceiling = reference[1];
            foreach (var p in points)
            {
                if (p[1] < ceiling)
                {
                    volume += (reference[0] - p[0]) * (ceiling - p[1]);
                    ceiling = p[1];
                }
            }

            return volume;
        }

        var last = dims - 1;
        points.Sort((a, b) => a[last].CompareTo(b[last]));
        var total = 0.0;
        var slice = new List<double[]>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            slice.Add(points[i]);
            var top = i + 1 < points.Count ? points[i + 1][last] : reference[last];
            var thickness = top - points[i][last];
            if (thickness > 0)
            {
                total += Volume([.. slice], reference, dims - 1) * thickness;
            }
        }

        return total;
    }
}
