namespace Attune.LearningRate;

/// <summary>Reads learning-rate suggestions off a recorded loss curve.</summary>
internal static class LossCurveAnalysis
{
    /// <summary>Builds the result of a sweep: the curve as recorded and the suggestions of both rules.</summary>
    /// <param name="rates">The learning rate of each step.</param>
    /// <param name="losses">The raw loss of each step.</param>
    /// <param name="smoothed">The smoothed loss of each step (NaN after a non-finite loss).</param>
    /// <param name="reason">Why the sweep ended.</param>
    /// <param name="options">The sweep's options (points to skip, valley position).</param>
    /// <returns>The result.</returns>
    public static LearningRateFinderResult Analyze(
        double[] rates, double[] losses, double[] smoothed, LearningRateStopReason reason, LearningRateFinderOptions options)
    {
        // The point that ended the sweep early is not part of the curve the rules read.
        var end = reason == LearningRateStopReason.Completed ? smoothed.Length : smoothed.Length - 1;
        var start = Math.Min(options.SkipStart, Math.Max(0, end - 3));
        double? steepest = null;
        double? valley = null;
        double? lowest = null;
        if (end - start >= 2)
        {
            var logRates = new double[end - start];
            for (var i = 0; i < logRates.Length; i++)
            {
                logRates[i] = Math.Log10(rates[start + i]);
            }

            var curve = smoothed.AsSpan(start, end - start);
            steepest = rates[start + SteepestDescent(logRates, curve)];
            valley = rates[start + Valley(curve, options.ValleyPosition, options.ValleyTolerance)];
            lowest = rates[start + ArgMin(curve)];
        }

        return new LearningRateFinderResult(rates, losses, smoothed, steepest, valley, lowest, reason);
    }

    /// <summary>The index where the loss falls fastest against the logarithm of the learning rate.</summary>
    /// <param name="x">The logarithms of the learning rates (increasing).</param>
    /// <param name="y">The smoothed losses, at least two.</param>
    /// <returns>The index of the most negative slope (central differences inside, one-sided at the ends).</returns>
    internal static int SteepestDescent(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = y.Length;
        var best = 0;
        var bestSlope = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            var lo = Math.Max(0, i - 1);
            var hi = Math.Min(n - 1, i + 1);
            var slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
            if (slope < bestSlope)
            {
                bestSlope = slope;
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// The valley rule: the valley is the stretch over which the loss descends from its plateau into its minimum. Its
    /// bottom is the lowest point; its top is the last point before the bottom that still lies within
    /// <paramref name="tolerance"/> of the descent's depth below the highest loss before the bottom (so that noise on
    /// a flat start does not count as descent). Picks the index at <paramref name="position"/> of the way from top to
    /// bottom, i.e. that far along in log learning rate.
    /// </summary>
    /// <param name="y">The smoothed losses, at least one.</param>
    /// <param name="position">0 for the top of the valley, 1 for its bottom.</param>
    /// <param name="tolerance">How far below the plateau, as a fraction of the valley's depth, the descent starts.</param>
    /// <returns>The chosen index.</returns>
    internal static int Valley(ReadOnlySpan<double> y, double position, double tolerance)
    {
        var bottom = ArgMin(y);
        var peak = ArgMax(y[..(bottom + 1)]);
        var depth = y[peak] - y[bottom];
        var top = peak;
        for (var i = bottom - 1; i > peak; i--)
        {
            if (y[i] >= y[peak] - (tolerance * depth))
            {
                top = i;
                break;
            }
        }

        return top + (int)Math.Round((bottom - top) * position, MidpointRounding.AwayFromZero);
    }

    private static int ArgMax(ReadOnlySpan<double> y)
    {
        var best = 0;
        for (var i = 1; i < y.Length; i++)
        {
            if (y[i] > y[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int ArgMin(ReadOnlySpan<double> y)
    {
        var best = 0;
        for (var i = 1; i < y.Length; i++)
        {
            if (y[i] < y[best])
            {
                best = i;
            }
        }

        return best;
    }
}
