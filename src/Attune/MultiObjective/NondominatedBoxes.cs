namespace Attune.MultiObjective;

/// <summary>
/// A partition of the region that a set of points does not dominate, above a reference point, into
/// disjoint axis-aligned boxes (for maximization): the boxes' union is
/// {z ≥ r : no point p has p ≥ z}, so the hypervolume improvement of a new point y is
/// Σ_boxes vol([l, min(u, y)]). Upper corners may be +∞.
/// </summary>
/// <remarks>
/// The grid of the points' coordinates in the first M − 1 objectives is cut into cells; in each
/// cell (a column along the last objective) the dominated part is z_M ≤ max{p_M : p ≥ the cell's
/// upper corner in the first M − 1 objectives}, so the rest of the column is one box. Runs of
/// neighbouring cells with the same lower bound along the last grid axis are merged. With two
/// objectives this is the exact staircase of n + 1 boxes; with M objectives there are at most
/// (n + 1)^(M−1) boxes.
/// </remarks>
internal sealed class NondominatedBoxes
{
    private NondominatedBoxes(int objectives, double[] lower, double[] upper, int count)
    {
        Objectives = objectives;
        Lower = lower;
        Upper = upper;
        Count = count;
    }

    /// <summary>The number of objectives M.</summary>
    public int Objectives { get; }

    /// <summary>The number of boxes.</summary>
    public int Count { get; }

    /// <summary>The lower corners, row-major (Count × M).</summary>
    public double[] Lower { get; }

    /// <summary>The upper corners, row-major (Count × M); +∞ where unbounded.</summary>
    public double[] Upper { get; }

    /// <summary>The number of grid cells the decomposition of <paramref name="points"/> points in <paramref name="objectives"/> objectives examines.</summary>
    /// <param name="points">The number of non-dominated points.</param>
    /// <param name="objectives">M.</param>
    /// <returns>(points + 1)^(M − 1), saturated at <see cref="long.MaxValue"/>.</returns>
    public static long CellCount(int points, int objectives)
    {
        long cells = 1;
        for (var j = 0; j < objectives - 1; j++)
        {
            if (cells > long.MaxValue / (points + 1))
            {
                return long.MaxValue;
            }

            cells *= points + 1;
        }

        return cells;
    }

    /// <summary>Decomposes the non-dominated region of <paramref name="points"/> above <paramref name="reference"/>.</summary>
    /// <param name="points">The points, row-major (count × M), maximized; need not be mutually non-dominated.</param>
    /// <param name="count">How many.</param>
    /// <param name="reference">The reference point r (below the region of interest).</param>
    /// <returns>The boxes.</returns>
    public static NondominatedBoxes Decompose(ReadOnlySpan<double> points, int count, ReadOnlySpan<double> reference)
    {
        var m = reference.Length;
        if (m < 1)
        {
            throw new ArgumentException("At least one objective is needed.", nameof(reference));
        }

        // Points not strictly above the reference in every objective dominate nothing of the region.
        var kept = new List<double[]>(count);
        for (var i = 0; i < count; i++)
        {
            var p = points.Slice(i * m, m);
            var above = true;
            for (var j = 0; j < m; j++)
            {
                above &= p[j] > reference[j];
            }

            if (above)
            {
                kept.Add(p.ToArray());
            }
        }

        if (m == 1)
        {
            var best = reference[0];
            foreach (var p in kept)
            {
                best = Math.Max(best, p[0]);
            }

            return new NondominatedBoxes(1, [best], [double.PositiveInfinity], 1);
        }

        // Grid coordinates of the first M − 1 objectives: r_j and the points' values, sorted and unique.
        var grid = new double[m - 1][];
        for (var j = 0; j < m - 1; j++)
        {
            var values = new SortedSet<double> { reference[j] };
            foreach (var p in kept)
            {
                values.Add(p[j]);
            }

            grid[j] = [.. values];
        }

        var lower = new List<double>();
        var upper = new List<double>();
        var index = new int[m - 1];
        var last = m - 2;
        var total = 1L;
        for (var j = 0; j < m - 1; j++)
        {
            total *= grid[j].Length;
        }

        var runStart = -1;
        var runLower = double.NaN;
        for (long cell = 0; cell < total; cell++)
        {
            // The cell's upper corner in the first M − 1 objectives; the last interval of an axis is unbounded.
            var cut = reference[m - 1];
            foreach (var p in kept)
            {
                var dominatesColumn = true;
                for (var j = 0; j < m - 1 && dominatesColumn; j++)
                {
                    var k = index[j] + 1;
                    dominatesColumn = k < grid[j].Length && p[j] >= grid[j][k];
                }

                if (dominatesColumn && p[m - 1] > cut)
                {
                    cut = p[m - 1];
                }
            }

            // Merge along the last grid axis while the cut stays the same.
            if (runStart >= 0 && cut != runLower)
            {
                Emit(grid, index, runStart, index[last] - 1, runLower, lower, upper);
                runStart = -1;
            }

            if (runStart < 0)
            {
                runStart = index[last];
                runLower = cut;
            }

            // Advance the multi-index, last grid axis fastest; a run ends with its row.
            var axis = last;
            while (axis >= 0)
            {
                index[axis]++;
                if (index[axis] < grid[axis].Length)
                {
                    break;
                }

                if (axis == last)
                {
                    index[axis]--;
                    Emit(grid, index, runStart, index[last], runLower, lower, upper);
                    runStart = -1;
                    index[axis] = 0;
                }
                else
                {
                    index[axis] = 0;
                }

                axis--;
            }
        }

        return new NondominatedBoxes(m, [.. lower], [.. upper], lower.Count / m);
    }

    private static void Emit(double[][] grid, int[] index, int from, int to, double cut, List<double> lower, List<double> upper)
    {
        var last = grid.Length - 1;
        for (var j = 0; j < grid.Length; j++)
        {
            var start = j == last ? from : index[j];
            var end = j == last ? to : index[j];
            lower.Add(grid[j][start]);
            upper.Add(end + 1 < grid[j].Length ? grid[j][end + 1] : double.PositiveInfinity);
        }

        lower.Add(cut);
        upper.Add(double.PositiveInfinity);
    }
}
