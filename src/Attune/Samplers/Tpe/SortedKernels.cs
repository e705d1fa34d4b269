
namespace Attune.Samplers.Tpe;

/// <summary>
/// The observation kernels of a one-dimensional continuous estimator sorted by centre, with the reach
/// of each: the distance beyond which its term is below every point's density by more than e^50
/// (the prior kernel alone guarantees a floor on the density). Prefix maxima of centre + reach and
/// suffix minima of centre − reach are monotone, so the kernels that can matter at a point form one
/// window found by two binary searches; the rest are skipped without changing the result.
/// </summary>
internal sealed class SortedKernels : IDisposable
{
    private const double Margin = 50;

    private readonly int count;
    private readonly double[] mu;
    private readonly double[] inverse;
    private readonly double[] baseline;
    private readonly double[] rightReach;
    private readonly double[] leftReach;

    /// <summary>Sorts the observation kernels (all but the last, the prior) by <paramref name="byCentre"/>.</summary>
    public SortedKernels(double[] centres, double[] sigmas, double[] baselines, ReadOnlySpan<int> byCentre)
    {
        count = byCentre.Length;
        mu = Pooled.Rent<double>(count);
        inverse = Pooled.Rent<double>(count);
        baseline = Pooled.Rent<double>(count);
        rightReach = Pooled.Rent<double>(count);
        leftReach = Pooled.Rent<double>(count);

        // The prior kernel (last) is centred on the range with the range as bandwidth: anywhere in the
        // range its term is at least its baseline − ½·(½)².
        var floor = baselines[count] - 0.125 - Margin;
        var max = double.NegativeInfinity;
        for (var i = 0; i < count; i++)
        {
            var k = byCentre[i];
            mu[i] = centres[k];
            inverse[i] = 1 / sigmas[k];
            baseline[i] = baselines[k];
            var reach = baseline[i] > floor ? Math.Sqrt(2 * (baseline[i] - floor)) * sigmas[k] : 0;
            leftReach[i] = mu[i] - reach;
            max = Math.Max(max, mu[i] + reach);
            rightReach[i] = max;
        }

        var min = double.PositiveInfinity;
        for (var i = count - 1; i >= 0; i--)
        {
            min = Math.Min(min, leftReach[i]);
            leftReach[i] = min;
        }
    }

    /// <summary>The log density at kernel-space point <paramref name="x"/>, the prior kernel given by its baseline, centre and bandwidth.</summary>
    public double LogPdf(double x, double priorBaseline, double priorMu, double priorSigma)
    {
        // First kernel whose prefix reach gets to x; last kernel whose suffix reach gets back to x.
        var from = LowerBound(rightReach.AsSpan(0, count), x);
        var to = UpperBound(leftReach.AsSpan(0, count), x) - 1;
        var z = (x - priorMu) / priorSigma;
        var prior = priorBaseline - (0.5 * z * z);
        if (from > to)
        {
            return prior;
        }

        var n = to - from + 1;
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(n + 1);
        try
        {
            var max = Math.Max(prior, KernelMath.Gaussian1D(x, mu.AsSpan(from, n), inverse.AsSpan(from, n), baseline.AsSpan(from, n), buffer.AsSpan(0, n)));
            buffer[n] = prior;
            return max + Math.Log(KernelMath.SumExp(buffer.AsSpan(0, n + 1), max));
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns the pooled arrays.</summary>
    public void Dispose()
    {
        Pooled.Return(mu);
        Pooled.Return(inverse);
        Pooled.Return(baseline);
        Pooled.Return(rightReach);
        Pooled.Return(leftReach);
    }

    private static int LowerBound(ReadOnlySpan<double> values, double x)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(ReadOnlySpan<double> values, double x)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
