namespace Attune.Visualization;

/// <summary>
/// Interpolates scattered values onto a grid for a contour: each grid node takes the mean of the points
/// nearest to it, and nodes with no point take the value of the nearest node that has one (by grid
/// steps). Linear in the number of points plus the grid size.
/// </summary>
internal static class ContourGrid
{
    public const int Resolution = 40;

    /// <summary>Grid coordinates covering <paramref name="values"/> on the scale's axis.</summary>
    public static double[] Axis(ParamScale scale, IReadOnlyList<double> values)
    {
        if (scale.IsCategorical)
        {
            return [.. Enumerable.Range(0, scale.Categories!.Count).Select(i => (double)i)];
        }

        var (lo, hi) = (values.Min(), values.Max());
        if (scale.Log)
        {
            (lo, hi) = (Math.Log10(lo), Math.Log10(hi));
        }

        var pad = hi > lo ? (hi - lo) * 0.05 : Math.Max(Math.Abs(lo) * 0.1, 0.5);
        if (scale.Log && hi <= lo)
        {
            pad = 0.1;
        }

        (lo, hi) = (lo - pad, hi + pad);
        var grid = new double[Resolution];
        for (var i = 0; i < grid.Length; i++)
        {
            var t = lo + ((hi - lo) * i / (Resolution - 1));
            grid[i] = scale.Log ? Math.Pow(10, t) : t;
        }

        return grid;
    }

    /// <summary>The grid values: <c>z[j][i]</c> at (<paramref name="gx"/>[i], <paramref name="gy"/>[j]).</summary>
    public static double[][] Interpolate(
        double[] gx, double[] gy, bool logX, bool logY, IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<double> zs)
    {
        var sum = new double[gy.Length, gx.Length];
        var count = new int[gy.Length, gx.Length];
        for (var k = 0; k < xs.Count; k++)
        {
            var i = Nearest(gx, xs[k], logX);
            var j = Nearest(gy, ys[k], logY);
            sum[j, i] += zs[k];
            count[j, i]++;
        }

        var z = new double[gy.Length][];
        var queue = new Queue<(int J, int I)>();
        for (var j = 0; j < gy.Length; j++)
        {
            z[j] = new double[gx.Length];
            for (var i = 0; i < gx.Length; i++)
            {
                if (count[j, i] > 0)
                {
                    z[j][i] = sum[j, i] / count[j, i];
                    queue.Enqueue((j, i));
                }
                else
                {
                    z[j][i] = double.NaN;
                }
            }
        }

        // Breadth-first fill from the nodes that hold points: every empty node takes its nearest filled neighbour's value.
        while (queue.Count > 0)
        {
            var (j, i) = queue.Dequeue();
            foreach (var (dj, di) in (ReadOnlySpan<(int, int)>)[(1, 0), (-1, 0), (0, 1), (0, -1)])
            {
                var (nj, ni) = (j + dj, i + di);
                if (nj >= 0 && nj < gy.Length && ni >= 0 && ni < gx.Length && double.IsNaN(z[nj][ni]))
                {
                    z[nj][ni] = z[j][i];
                    queue.Enqueue((nj, ni));
                }
            }
        }

        return z;
    }

    private static int Nearest(double[] grid, double value, bool log)
    {
        if (log)
        {
            value = Math.Log10(value);
        }

        var lo = log ? Math.Log10(grid[0]) : grid[0];
        var hi = log ? Math.Log10(grid[^1]) : grid[^1];
        if (grid.Length == 1 || hi <= lo)
        {
            return 0;
        }

        var index = (int)Math.Round((value - lo) / (hi - lo) * (grid.Length - 1));
        return Math.Clamp(index, 0, grid.Length - 1);
    }
}
