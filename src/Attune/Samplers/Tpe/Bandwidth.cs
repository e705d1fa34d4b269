namespace Attune.Samplers.Tpe;

/// <summary>Kernel bandwidths of the Parzen estimator.</summary>
internal static class Bandwidth
{
    private const double Eps = 1e-12;

    /// <summary>
    /// The multivariate (Scott's rule, as in BOHB) bandwidth shared by every observation kernel of a
    /// dimension: 0.2·n^(−1/(d+4)) of the range, then clipped. Above 64 observations n enters with its
    /// six leading bits only (within 1/32 of n, so the bandwidth moves by under 0.7%): the bandwidth
    /// then stays the same for runs of trials, and the kernels' normalisers can be cached.
    /// </summary>
    public static double Scott(int observations, int dimensions, double range, bool magicClip)
    {
        var n = LeadingBits(Math.Max(observations, 1));
        var sigma = 0.2 * Math.Pow(n, -1.0 / (dimensions + 4)) * range;
        return Clip(sigma, observations, range, magicClip);
    }

    /// <summary><paramref name="n"/> with all but its six leading bits cleared.</summary>
    internal static int LeadingBits(int n)
    {
        var drop = Math.Max(0, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n) - 6);
        return (n >> drop) << drop;
    }

    /// <summary>
    /// The univariate bandwidths: each kernel's distance to its farther neighbour among the sorted
    /// observations, the prior's centre and the range ends (the outermost kernels use their inner
    /// neighbour unless <paramref name="considerEndpoints"/>), then clipped.
    /// </summary>
    /// <param name="sorted">Kernel centres in ascending order, the prior's centre among them.</param>
    /// <param name="sigmas">Receives the bandwidth at each sorted position.</param>
    /// <param name="low">The lower end of the range.</param>
    /// <param name="high">The upper end.</param>
    /// <param name="considerEndpoints">Whether the outermost kernels may reach the ends.</param>
    /// <param name="observations">The number of observation kernels (for the clip).</param>
    /// <param name="magicClip">Whether to apply the magic clip.</param>
    public static void Neighbors(ReadOnlySpan<double> sorted, Span<double> sigmas, double low, double high, bool considerEndpoints, int observations, bool magicClip)
    {
        var n = sorted.Length;
        for (var i = 0; i < n; i++)
        {
            var left = sorted[i] - (i == 0 ? low : sorted[i - 1]);
            var right = (i == n - 1 ? high : sorted[i + 1]) - sorted[i];
            sigmas[i] = Math.Max(left, right);
        }

        if (!considerEndpoints && n >= 2)
        {
            sigmas[0] = sorted[1] - sorted[0];
            sigmas[n - 1] = sorted[n - 1] - sorted[n - 2];
        }

        var range = high - low;
        for (var i = 0; i < n; i++)
        {
            sigmas[i] = Clip(sigmas[i], observations, range, magicClip);
        }
    }

    /// <summary>Clips to [range/min(100, n + 2), range] with the magic clip, [1e-12, range] without.</summary>
    public static double Clip(double sigma, int observations, double range, bool magicClip)
    {
        var min = magicClip ? range / Math.Min(100.0, observations + 2.0) : Math.Min(Eps, range);
        return Math.Clamp(sigma, min, range);
    }
}
