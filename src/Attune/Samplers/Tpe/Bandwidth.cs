namespace Attune.Samplers.Tpe;

/// <summary>Kernel bandwidths of the Parzen estimator (Optuna v5's rule, for joint and single-parameter estimators alike).</summary>
internal static class Bandwidth
{
    private const double Eps = 1e-12;

    /// <summary>
    /// Each observation kernel's bandwidth: the distance to its farther neighbour among the sorted
    /// observations and the range's ends (the outermost kernels use their inner neighbour unless
    /// <paramref name="considerEndpoints"/>), clipped to [range/min(100, n + 2), range] with the magic
    /// clip and to [1e-12, range] without.
    /// </summary>
    /// <param name="mu">Kernel centres; the first <c>order.Length</c> are the observations.</param>
    /// <param name="order">Observation indices in ascending order of centre.</param>
    /// <param name="sigmas">Receives the bandwidth of each observation.</param>
    /// <param name="low">The lower end of the range.</param>
    /// <param name="high">The upper end.</param>
    /// <param name="considerEndpoints">Whether the outermost kernels may reach the ends.</param>
    /// <param name="magicClip">Whether to apply the magic clip.</param>
    public static void Neighbors(double[] mu, int[] order, double[] sigmas, double low, double high, bool considerEndpoints, bool magicClip)
    {
        var n = order.Length;
        var range = high - low;
        var min = magicClip ? range / Math.Min(100.0, n + 2.0) : Math.Min(Eps, range);
        for (var r = 0; r < n; r++)
        {
            var centre = mu[order[r]];
            var left = centre - (r == 0 ? low : mu[order[r - 1]]);
            var right = (r == n - 1 ? high : mu[order[r + 1]]) - centre;
            if (!considerEndpoints && n >= 2)
            {
                left = r == 0 ? 0 : left;
                right = r == n - 1 ? 0 : right;
            }

            sigmas[order[r]] = Math.Clamp(Math.Max(left, right), min, range);
        }
    }
}
