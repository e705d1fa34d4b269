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
    public static void Neighbors(double[] mu, ReadOnlySpan<int> order, double[] sigmas, double low, double high, bool considerEndpoints, bool magicClip)
    {
        var n = order.Length;
        var prior = mu[n];
        var range = high - low;
        var min = magicClip ? range / Math.Min(100.0, n + 2.0) : Math.Min(Eps, range);

        // Walk the sorted observations with the prior's centre merged in at its place: each step
        // knows the previous and the next centre of the merged sequence.
        var priorPending = true;
        var previous = double.NaN;
        for (var r = 0; r < n; r++)
        {
            var centre = mu[order[r]];
            if (priorPending && prior < centre)
            {
                previous = prior;
                priorPending = false;
            }

            double next;
            if (r + 1 < n)
            {
                var following = mu[order[r + 1]];
                next = priorPending && prior < following ? prior : following;
            }
            else
            {
                next = priorPending ? prior : double.NaN;
            }

            var first = double.IsNaN(previous);
            var last = double.IsNaN(next);
            var left = first ? (considerEndpoints ? centre - low : 0) : centre - previous;
            var right = last ? (considerEndpoints ? high - centre : 0) : next - centre;
            sigmas[order[r]] = Math.Clamp(Math.Max(left, right), min, range);
            previous = centre;
        }
    }
}
