namespace Attune.MultiObjective;

/// <summary>
/// Non-dominated sorting kernels over validated row-major matrices (no NaN, at least one objective).
/// All objectives are minimized. Identical points always share a rank.
/// </summary>
internal static class NonDominatedSorting
{
    /// <summary>
    /// Computes the non-dominated rank of each of the <paramref name="count"/> points in
    /// <paramref name="values"/>. With <paramref name="firstFrontOnly"/> the result only
    /// distinguishes rank 0 from "rank 1 or worse" (reported as 1), which is cheaper for many objectives.
    /// </summary>
    /// <param name="values">Row-major matrix; not modified.</param>
    /// <param name="count">Number of points.</param>
    /// <param name="dimension">Number of objectives (at least one).</param>
    /// <param name="firstFrontOnly">Whether only membership of the first front is needed.</param>
    /// <param name="uniqueIds">
    /// Optional output of length at least <paramref name="count"/>: receives for each point the id of its
    /// group of identical points (ids are dense, starting at 0).
    /// </param>
    public static int[] Ranks(double[] values, int count, int dimension, bool firstFrontOnly, int[]? uniqueIds = null)
    {
        var ranks = new int[count];
        if (count == 0)
        {
            return ranks;
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var comparer = new LexicographicComparer(values, dimension, dimension);
        order.AsSpan().Sort(comparer);

        // Collapse identical points: ranks are computed on the unique points, in lexicographic order.
        var group = uniqueIds ?? new int[count];
        var unique = new double[count * dimension];
        var uniqueCount = 0;
        for (var t = 0; t < count; t++)
        {
            var index = order[t];
            if (t > 0 && comparer.Compare(order[t - 1], index) == 0)
            {
                group[index] = uniqueCount - 1;
                continue;
            }

            Array.Copy(values, index * dimension, unique, uniqueCount * dimension, dimension);
            group[index] = uniqueCount;
            uniqueCount++;
        }

        var uniqueRanks = dimension switch
        {
            1 => Sequential(uniqueCount),
            2 => SortedRanks2D(unique, uniqueCount),
            3 => DivideAndConquer3D.Ranks(unique, uniqueCount),
            _ => SortedRanksGeneral(unique, uniqueCount, dimension, firstFrontOnly),
        };

        for (var i = 0; i < count; i++)
        {
            ranks[i] = uniqueRanks[group[i]];
        }

        return ranks;
    }

    /// <summary>
    /// Removes dominated and duplicated rows from the first <paramref name="count"/> rows of
    /// <paramref name="values"/>, compacting the survivors (in lexicographic order) to the front of the
    /// array. Returns the number of survivors.
    /// </summary>
    /// <param name="values">Row-major matrix, compacted in place.</param>
    /// <param name="count">Number of rows in use.</param>
    /// <param name="dimension">Row length.</param>
    /// <param name="order">Scratch of length at least <paramref name="count"/>.</param>
    /// <param name="scratch">Scratch of length at least <paramref name="count"/> times <paramref name="dimension"/>.</param>
    public static int FilterNonDominated(double[] values, int count, int dimension, int[] order, double[] scratch)
    {
        if (count <= 1)
        {
            return count;
        }

        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        order.AsSpan(0, count).Sort(new LexicographicComparer(values, dimension, dimension));
        var kept = 0;
        for (var t = 0; t < count; t++)
        {
            var offset = order[t] * dimension;
            if (IsWeaklyDominatedByAny(scratch, kept, values, offset, dimension))
            {
                continue;
            }

            Array.Copy(values, offset, scratch, kept * dimension, dimension);
            kept++;
        }

        Array.Copy(scratch, 0, values, 0, kept * dimension);
        return kept;
    }

    /// <summary>
    /// Whether any of the first <paramref name="keptCount"/> rows of <paramref name="kept"/> is
    /// component-wise less than or equal to the candidate row. The kept rows must precede the
    /// candidate lexicographically, so the first column is not compared. Rows are scanned newest first,
    /// because lexicographically close rows are the likeliest dominators.
    /// </summary>
    private static bool IsWeaklyDominatedByAny(double[] kept, int keptCount, double[] candidate, int offset, int dimension)
    {
        for (var k = keptCount - 1; k >= 0; k--)
        {
            var keptOffset = k * dimension;
            var dominates = true;
            for (var j = 1; j < dimension; j++)
            {
                if (kept[keptOffset + j] > candidate[offset + j])
                {
                    dominates = false;
                    break;
                }
            }

            if (dominates)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Distinct one-objective values sorted ascending: the rank is the position.</summary>
    private static int[] Sequential(int count)
    {
        var ranks = new int[count];
        for (var i = 0; i < count; i++)
        {
            ranks[i] = i;
        }

        return ranks;
    }

    /// <summary>
    /// Two objectives, distinct points sorted lexicographically. Every earlier point that is not
    /// worse in the second objective dominates the current one, and each front's most recent point
    /// has that front's smallest second objective, so the current point joins the first front whose
    /// most recent second objective is strictly greater. Those values are non-decreasing across
    /// fronts, so a binary search finds it: O(n log n).
    /// </summary>
    private static int[] SortedRanks2D(double[] unique, int count)
    {
        var ranks = new int[count];
        var lastY = new double[count];
        var fronts = 0;
        for (var i = 0; i < count; i++)
        {
            var y = unique[(2 * i) + 1];
            var lo = 0;
            var hi = fronts;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (lastY[mid] > y)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            ranks[i] = lo;
            lastY[lo] = y;
            if (lo == fronts)
            {
                fronts++;
            }
        }

        return ranks;
    }

    /// <summary>
    /// Efficient non-dominated sort with binary search over fronts (ENS-BS) on distinct points sorted
    /// lexicographically: an earlier point can dominate a later one but never the reverse, and if no
    /// member of front <c>k</c> dominates a point then no member of any later front does either. Each
    /// front is scanned newest member first and the scan stops at the first dominator.
    /// </summary>
    private static int[] SortedRanksGeneral(double[] unique, int count, int dimension, bool firstFrontOnly)
    {
        var ranks = new int[count];
        var previousInFront = new int[count];
        var frontTail = new int[firstFrontOnly ? 1 : count];
        var fronts = 0;
        for (var i = 0; i < count; i++)
        {
            var offset = i * dimension;
            int front;
            if (firstFrontOnly)
            {
                if (fronts > 0 && FrontDominates(unique, frontTail[0], previousInFront, offset, dimension))
                {
                    ranks[i] = 1;
                    continue;
                }

                front = 0;
            }
            else
            {
                var lo = 0;
                var hi = fronts;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (FrontDominates(unique, frontTail[mid], previousInFront, offset, dimension))
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                front = lo;
            }

            if (front == fronts)
            {
                frontTail[front] = -1;
                fronts++;
            }

            ranks[i] = front;
            previousInFront[i] = frontTail[front];
            frontTail[front] = i;
        }

        return ranks;
    }

    private static bool FrontDominates(double[] unique, int tail, int[] previousInFront, int offset, int dimension)
    {
        for (var member = tail; member >= 0; member = previousInFront[member])
        {
            var memberOffset = member * dimension;
            var dominates = true;
            for (var j = 1; j < dimension; j++)
            {
                if (unique[memberOffset + j] > unique[offset + j])
                {
                    dominates = false;
                    break;
                }
            }

            if (dominates)
            {
                return true;
            }
        }

        return false;
    }
}
