namespace Attune.Samplers.Tpe;

/// <summary>
/// Kernel bandwidths of the Parzen estimator: Optuna's univariate rule (the prior's centre counted
/// among the neighbours, as in Optuna v4), used for joint estimators too (where Optuna v4 used
/// Scott's rule). On the public benchmark functions this beat both Scott's rule and the v5 variant
/// that leaves the prior's centre out (see the TPE notes in the pull request).
/// </summary>
internal static class Bandwidth
{
    private const double Eps = 1e-12;

    /// <summary>
    /// Each observation kernel's bandwidth: the distance to its farther neighbour among the sorted
    /// observations, the prior's centre <c>mu[order.Length]</c> and the range's ends (the outermost
    /// kernels use their inner neighbour unless <paramref name="considerEndpoints"/>), clipped to
    /// [range/min(100, n + 2), range] with the magic clip and to [1e-12, range] without.
    /// </summary>
    /// <param name="mu">Kernel centres: the observations, then the prior's centre.</param>
    /// <param name="order">Observation indices in ascending order of centre.</param>
    /// <param name="sigmas">Receives the bandwidth of each observation.</param>
    /// <param name="low">The lower end of the range.</param>
    /// <param name="high">The upper end.</param>
    /// <param name="considerEndpoints">Whether the outermost kernels may reach the ends.</param>
    /// <param name="magicClip">Whether to apply the magic clip.</param>
    public static void Neighbors(double[] mu, int[] order, double[] sigmas, double low, double high, bool considerEndpoints, bool magicClip)
    {
        var n = order.Length;
        var prior = mu[n];
        var range = high - low;
        var min = magicClip ? range / Math.Min(100.0, n + 2.0) : Math.Min(Eps, range);

        // The sorted sequence is the observations with the prior's centre inserted at its place.
        var priorAt = 0;
        while (priorAt < n && mu[order[priorAt]] <= prior)
        {
            priorAt++;
        }

        double At(int r) => r < priorAt ? mu[order[r]] : r == priorAt ? prior : mu[order[r - 1]];

        var last = n; // the sequence has n + 1 entries
        for (var r = 0; r <= last; r++)
        {
            if (r == priorAt)
            {
                continue;
            }

            var centre = At(r);
            var left = centre - (r == 0 ? low : At(r - 1));
            var right = (r == last ? high : At(r + 1)) - centre;
            if (!considerEndpoints)
            {
                left = r == 0 ? 0 : left;
                right = r == last ? 0 : right;
            }

            sigmas[order[r < priorAt ? r : r - 1]] = Math.Clamp(Math.Max(left, right), min, range);
        }
    }
}
