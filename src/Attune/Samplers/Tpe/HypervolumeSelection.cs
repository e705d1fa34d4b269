using Attune.MultiObjective;

namespace Attune.Samplers.Tpe;

/// <summary>
/// Hypervolume-based choices of multi-objective TPE (losses, minimised): the greedy hypervolume subset
/// selection that breaks the tie on the boundary front of a split, and the MOTPE weights of the good
/// trials by their hypervolume contributions.
/// </summary>
internal static class HypervolumeSelection
{
    private const double Eps = 1e-12;

    /// <summary>
    /// The reference point for a set of losses: 1.1 × the worst value of each objective (0.9 × when it
    /// is negative), and a tiny positive number where that is 0.
    /// </summary>
    public static double[] ReferencePoint(IReadOnlyList<double[]> points)
    {
        var m = points[0].Length;
        var reference = new double[m];
        for (var k = 0; k < m; k++)
        {
            var worst = double.NegativeInfinity;
            foreach (var p in points)
            {
                worst = Math.Max(worst, p[k]);
            }

            var r = Math.Max(1.1 * worst, 0.9 * worst);
            reference[k] = r == 0 ? Eps : r;
        }

        return reference;
    }

    /// <summary>
    /// Chooses <paramref name="count"/> of <paramref name="points"/> greedily by hypervolume gain (a
    /// (1 − 1/e)-approximation of the best subset), evaluating gains lazily: a gain can only shrink as
    /// the selection grows, so a candidate whose stale gain is below the best fresh one is skipped.
    /// Duplicated points are taken once before any copy.
    /// </summary>
    /// <returns>Indices into <paramref name="points"/>.</returns>
    public static List<int> SelectSubset(IReadOnlyList<double[]> points, int count, double[] reference)
    {
        var n = points.Count;
        var all = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            all.Add(i);
        }

        if (count >= n)
        {
            return all;
        }

        // Lexicographic order, as the unique points of the reference implementation; duplicates after their first copy.
        all.Sort((x, y) => Compare(points[x], points[y]) is var c && c != 0 ? c : x.CompareTo(y));
        var unique = new List<int>(n);
        var copies = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && Compare(points[all[i]], points[all[i - 1]]) == 0)
            {
                copies.Add(all[i]);
            }
            else
            {
                unique.Add(all[i]);
            }
        }

        if (unique.Count <= count)
        {
            copies.Sort();
            unique.AddRange(copies.GetRange(0, count - unique.Count));
            return unique;
        }

        foreach (var r in reference)
        {
            if (!double.IsFinite(r))
            {
                return unique.GetRange(0, count);
            }
        }

        var gains = new double[unique.Count];
        var fresh = new int[unique.Count];
        fresh.AsSpan().Fill(1);
        for (var i = 0; i < unique.Count; i++)
        {
            var volume = 1.0;
            var p = points[unique[i]];
            for (var k = 0; k < reference.Length; k++)
            {
                volume *= Math.Max(0, reference[k] - p[k]);
            }

            gains[i] = volume;
        }

        var taken = new bool[unique.Count];
        var selected = new List<double[]>(count + 1);
        var result = new List<int>(count);
        var selectedVolume = 0.0;
        for (var round = 1; round <= count; round++)
        {
            while (true)
            {
                var best = -1;
                for (var i = 0; i < unique.Count; i++)
                {
                    if (!taken[i] && (best < 0 || gains[i] > gains[best]))
                    {
                        best = i;
                    }
                }

                if (fresh[best] == round)
                {
                    taken[best] = true;
                    selected.Add(points[unique[best]]);
                    selectedVolume += gains[best];
                    result.Add(unique[best]);
                    break;
                }

                selected.Add(points[unique[best]]);
                gains[best] = Hypervolume.Compute(selected, reference) - selectedVolume;
                selected.RemoveAt(selected.Count - 1);
                fresh[best] = round;
            }
        }

        return result;
    }

    /// <summary>
    /// MOTPE weights of the good trials: each feasible point's exclusive hypervolume contribution over
    /// the largest, clipped to [1e-12, 1]; a single point weighs 1.
    /// </summary>
    public static double[] Weights(IReadOnlyList<double[]> points)
    {
        var n = points.Count;
        if (n == 0)
        {
            return [];
        }

        if (n == 1)
        {
            return [1.0];
        }

        var contributions = Hypervolume.Contributions(points, ReferencePoint(points));
        var max = Eps;
        var infinite = false;
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(contributions[i]) || double.IsPositiveInfinity(contributions[i]))
            {
                contributions[i] = double.PositiveInfinity;
                infinite = true;
            }
            else
            {
                max = Math.Max(max, contributions[i]);
            }
        }

        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            weights[i] = infinite
                ? (double.IsPositiveInfinity(contributions[i]) ? 1 : Eps)
                : Math.Clamp(contributions[i] / max, Eps, 1);
        }

        return weights;
    }

    private static int Compare(double[] a, double[] b)
    {
        for (var k = 0; k < a.Length; k++)
        {
            var c = a[k].CompareTo(b[k]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
