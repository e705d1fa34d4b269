namespace Attune.Samplers;

/// <summary>
/// NSGA-III's adaptive normalization (Deb and Jain, 2014, section IV-C): translate by the ideal point,
/// find one extreme point per axis by the achievement scalarizing function, and divide each objective by
/// the intercept of the hyperplane through the extreme points. When the hyperplane is degenerate (the
/// extreme points are linearly dependent, or an intercept is not positive), each objective is divided by
/// its largest translated value on the first front instead (the nadir of the non-dominated points, as
/// the paper suggests), or over all points when that is zero.
/// </summary>
internal static class ObjectiveNormalization
{
    private const double AxisWeight = 1e-6;

    /// <summary>Returns normalized copies of <paramref name="points"/>.</summary>
    /// <param name="points">The objective vectors (minimized), all of one length M.</param>
    /// <param name="firstFront">Whether each point is in the first front (for the fallback scale).</param>
    public static double[][] Normalize(IReadOnlyList<double[]> points, IReadOnlyList<bool> firstFront)
    {
        var n = points.Count;
        var m = points[0].Length;
        var ideal = new double[m];
        Array.Fill(ideal, double.PositiveInfinity);
        foreach (var p in points)
        {
            for (var j = 0; j < m; j++)
            {
                ideal[j] = Math.Min(ideal[j], p[j]);
            }
        }

        var translated = new double[n][];
        for (var i = 0; i < n; i++)
        {
            translated[i] = new double[m];
            for (var j = 0; j < m; j++)
            {
                translated[i][j] = points[i][j] - ideal[j];
            }
        }

        var intercepts = Intercepts(translated, m) ?? Nadir(translated, firstFront, m);
        foreach (var t in translated)
        {
            for (var j = 0; j < m; j++)
            {
                t[j] /= intercepts[j];
            }
        }

        return translated;
    }

    /// <summary>The intercepts of the hyperplane through the extreme points, or <see langword="null"/> when degenerate.</summary>
    internal static double[]? Intercepts(double[][] translated, int m)
    {
        var extremes = new double[m, m];
        for (var axis = 0; axis < m; axis++)
        {
            var best = double.PositiveInfinity;
            var bestIndex = 0;
            for (var i = 0; i < translated.Length; i++)
            {
                var asf = 0.0;
                for (var j = 0; j < m; j++)
                {
                    asf = Math.Max(asf, translated[i][j] / (j == axis ? 1 : AxisWeight));
                }

                if (asf < best)
                {
                    best = asf;
                    bestIndex = i;
                }
            }

            for (var j = 0; j < m; j++)
            {
                extremes[axis, j] = translated[bestIndex][j];
            }
        }

        // Solve E b = 1; the plane is sum_j b_j f_j = 1 and its intercepts are 1 / b_j.
        var b = new double[m];
        Array.Fill(b, 1.0);
        if (!Solve(extremes, b))
        {
            return null;
        }

        var intercepts = new double[m];
        for (var j = 0; j < m; j++)
        {
            intercepts[j] = 1 / b[j];
            if (!(intercepts[j] > 1e-10 && double.IsFinite(intercepts[j])))
            {
                return null;
            }
        }

        return intercepts;
    }

    private static double[] Nadir(double[][] translated, IReadOnlyList<bool> firstFront, int m)
    {
        var front = new double[m];
        var all = new double[m];
        for (var i = 0; i < translated.Length; i++)
        {
            for (var j = 0; j < m; j++)
            {
                all[j] = Math.Max(all[j], translated[i][j]);
                if (firstFront[i])
                {
                    front[j] = Math.Max(front[j], translated[i][j]);
                }
            }
        }

        for (var j = 0; j < m; j++)
        {
            front[j] = front[j] > 1e-10 ? front[j] : all[j] > 1e-10 ? all[j] : 1;
        }

        return front;
    }

    /// <summary>Gaussian elimination with partial pivoting; false when the matrix is (numerically) singular.</summary>
    private static bool Solve(double[,] a, double[] b)
    {
        var m = b.Length;
        var scale = 0.0;
        foreach (var v in a)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        if (!(scale > 0) || !double.IsFinite(scale))
        {
            return false;
        }

        for (var col = 0; col < m; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < m; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, col]) <= 1e-12 * scale)
            {
                return false;
            }

            if (pivot != col)
            {
                for (var j = 0; j < m; j++)
                {
                    (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (var row = col + 1; row < m; row++)
            {
                var factor = a[row, col] / a[col, col];
                for (var j = col; j < m; j++)
                {
                    a[row, j] -= factor * a[col, j];
                }

                b[row] -= factor * b[col];
            }
        }

        for (var row = m - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var j = row + 1; j < m; j++)
            {
                sum -= a[row, j] * b[j];
            }

            b[row] = sum / a[row, row];
        }

        return true;
    }
}
