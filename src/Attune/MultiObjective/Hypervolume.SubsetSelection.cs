using System.Globalization;

namespace Attune.MultiObjective;

/// <summary>Hypervolume subset selection.</summary>
public static partial class Hypervolume
{
    /// <summary>
    /// Chooses <paramref name="count"/> of <paramref name="points"/> whose hypervolume is large, greedily:
    /// each step adds the point with the largest contribution to the points chosen so far (the volume it
    /// adds), ties to the lower index. The hypervolume is monotone and submodular, so the greedy choice
    /// is within a factor 1 − 1/e of the best subset of that size (Nemhauser, Wolsey and Fisher, 1978);
    /// for two objectives an exact dynamic program exists but the greedy subset is usually optimal or
    /// close to it.
    /// </summary>
    /// <param name="points">The objective vectors (minimized), each with as many objectives as <paramref name="referencePoint"/>.</param>
    /// <param name="count">How many to choose, in [0, <paramref name="points"/>.Count].</param>
    /// <param name="referencePoint">The finite reference point; at least one objective.</param>
    /// <returns>
    /// The indices of the chosen points, in the order they were chosen (so any prefix is the greedy choice
    /// of its size). Points that add nothing (outside the reference box, dominated, duplicated) come last,
    /// by index.
    /// </returns>
    /// <remarks>
    /// Contributions only shrink as points are added, so a point's last computed contribution bounds its
    /// current one; the selection recomputes only the candidate at the top of a max-heap of those bounds
    /// (lazy greedy), which is exact and usually needs a few recomputations per step. A contribution is the
    /// point's box minus the hypervolume of the chosen points clipped to it.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or larger than the number of points.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="referencePoint"/> is empty or not finite; a point is <see langword="null"/>, has a
    /// different number of objectives, or contains NaN; or a point strictly better than the reference has
    /// an objective equal to negative infinity (its contribution is unbounded).
    /// </exception>
    public static int[] SelectSubset(IReadOnlyList<double[]> points, int count, ReadOnlySpan<double> referencePoint)
    {
        ArgumentNullException.ThrowIfNull(points);
        ValidateReference(referencePoint);
        if (count < 0 || count > points.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), count, string.Create(CultureInfo.InvariantCulture, $"count must be in [0, {points.Count}] (the number of points)."));
        }

        var selection = Select(points, referencePoint);
        if (selection.UnboundedIndex >= 0)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Point {selection.UnboundedIndex} has an objective equal to negative infinity, so its contribution is unbounded and a subset cannot be chosen by contribution."),
                nameof(points));
        }

        var chosen = GreedySubset(selection, count, referencePoint);
        if (chosen.Count < count)
        {
            var taken = new bool[points.Count];
            foreach (var index in chosen)
            {
                taken[index] = true;
            }

            for (var i = 0; i < points.Count && chosen.Count < count; i++)
            {
                if (!taken[i])
                {
                    chosen.Add(i);
                }
            }
        }

        return [.. chosen];
    }

    /// <summary>Lazy greedy over the points inside the reference box; stops when every remaining point adds nothing.</summary>
    private static List<int> GreedySubset(Selection selection, int count, ReadOnlySpan<double> referencePoint)
    {
        var d = referencePoint.Length;
        var n = selection.Count;
        var values = selection.Values;
        var result = new List<int>(count);
        if (n == 0 || count == 0)
        {
            return result;
        }

        var solver = new HypervolumeSolver(referencePoint, n);
        var chosen = new double[n * d];
        var limits = new double[n * d];
        var chosenCount = 0;
        var bound = new double[n];
        var stamp = new int[n];

        // Max-heap on (bound, lower input index first).
        var heap = new PriorityQueue<int, (double Bound, int Source)>(n, Comparer<(double Bound, int Source)>.Create(
            (a, b) => a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Source.CompareTo(b.Source)));
        for (var i = 0; i < n; i++)
        {
            var box = 1.0;
            for (var j = 0; j < d; j++)
            {
                box *= referencePoint[j] - values[(i * d) + j];
            }

            bound[i] = box;
            heap.Enqueue(i, (box, selection.Sources[i]));
        }

        while (result.Count < count && heap.TryDequeue(out var i, out _))
        {
            if (stamp[i] != chosenCount)
            {
                bound[i] = Contribution(values.AsSpan(i * d, d), chosen, chosenCount, limits, solver, referencePoint);
                stamp[i] = chosenCount;
                heap.Enqueue(i, (bound[i], selection.Sources[i]));
                continue;
            }

            if (!(bound[i] > 0))
            {
                break;
            }

            values.AsSpan(i * d, d).CopyTo(chosen.AsSpan(chosenCount * d, d));
            chosenCount++;
            result.Add(selection.Sources[i]);
        }

        return result;
    }

    // The volume a point adds to the chosen points: its box minus the hypervolume of the chosen points clipped to it.
    private static double Contribution(
        ReadOnlySpan<double> point, double[] chosen, int chosenCount, double[] limits, HypervolumeSolver solver, ReadOnlySpan<double> referencePoint)
    {
        var d = point.Length;
        var box = 1.0;
        for (var j = 0; j < d; j++)
        {
            box *= referencePoint[j] - point[j];
        }

        if (chosenCount == 0)
        {
            return box;
        }

        for (var k = 0; k < chosenCount; k++)
        {
            var covers = true;
            for (var j = 0; j < d; j++)
            {
                var c = chosen[(k * d) + j];
                covers &= c <= point[j];
                limits[(k * d) + j] = Math.Max(c, point[j]);
            }

            if (covers)
            {
                // A chosen point weakly dominates this one: it adds exactly nothing (not a rounding residue).
                return 0;
            }
        }

        return Math.Max(0, box - solver.Compute(limits, chosenCount));
    }
}
