using Attune.Numerics;

namespace Attune.Pruners;

/// <summary>
/// The one-sided Wilcoxon signed-rank test of paired differences, with zero differences split
/// between the two sides (scipy's <c>zero_method="zsplit"</c>): ranks of |d| (average ranks for
/// ties), R⁺ = the ranks of positive differences plus half the ranks of zero ones.
/// </summary>
/// <remarks>
/// <para>Up to <see cref="ExactLimit"/> differences the p-value is exact: the distribution of R⁺
/// when each non-zero difference is positive or negative with probability ½, computed over the
/// actual (possibly tied) ranks. Without ties or zeros this is the classical exact distribution and
/// equals scipy's <c>method="exact"</c>; with ties or zeros it is the exact conditional
/// (permutation) distribution, where scipy 1.10, which Optuna calls, truncates a half-integer R⁺ to
/// an integer or switches to the normal approximation.</para>
/// <para>Beyond that, the normal approximation with mean n(n+1)/4 and variance
/// (n(n+1)(2n+1) − ½Σt(t²−1))/24 over groups of t tied ranks (zeros included), as scipy's
/// <c>method="approx"</c>, with an optional continuity correction of ½ towards the mean (scipy's
/// <c>correction</c>).</para>
/// </remarks>
internal static class WilcoxonSignedRankTest
{
    /// <summary>The most differences for which the p-value is exact.</summary>
    public const int ExactLimit = 50;

    /// <summary>The p-value of the alternative that the differences tend to be greater than zero (or less, with <paramref name="greater"/> false).</summary>
    /// <param name="differences">The paired differences, finite.</param>
    /// <param name="greater"><see langword="true"/> for scipy's <c>alternative="greater"</c>, <see langword="false"/> for <c>"less"</c>.</param>
    /// <param name="continuityCorrection">Whether the normal approximation is corrected for continuity.</param>
    /// <returns>The p-value in [0, 1], or NaN when there are no differences.</returns>
    public static double PValue(ReadOnlySpan<double> differences, bool greater, bool continuityCorrection)
    {
        var n = differences.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        var ranks = AbsoluteRanks(differences, out var tieCorrection);
        if (n <= ExactLimit)
        {
            return ExactPValue(differences, ranks, greater);
        }

        var positive = 0.0;
        for (var i = 0; i < n; i++)
        {
            positive += differences[i] > 0 ? ranks[i] : differences[i] == 0 ? ranks[i] / 2 : 0;
        }

        var mean = n * (n + 1.0) / 4;
        var sd = Math.Sqrt(((n * (n + 1.0) * ((2.0 * n) + 1)) - (0.5 * tieCorrection)) / 24);
        var correction = continuityCorrection ? (greater ? 0.5 : -0.5) : 0;
        var z = (positive - mean - correction) / sd;
        // P(Z > z) = Φ(−z), accurate in the upper tail.
        return greater ? Normal.Cdf(-z) : Normal.Cdf(z);
    }

    /// <summary>Average ranks (from 1) of |d|, and Σ t(t² − 1) over groups of t equal |d|.</summary>
    private static double[] AbsoluteRanks(ReadOnlySpan<double> differences, out double tieCorrection)
    {
        var n = differences.Length;
        var order = new int[n];
        var magnitudes = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            magnitudes[i] = Math.Abs(differences[i]);
        }

        Array.Sort(magnitudes.ToArray(), order);
        var ranks = new double[n];
        tieCorrection = 0;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && magnitudes[order[end]] == magnitudes[order[start]])
            {
                end++;
            }

            // Positions start .. end - 1 (ranks start + 1 .. end) share their average.
            var average = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = average;
            }

            double t = end - start;
            tieCorrection += t * ((t * t) - 1);
            start = end;
        }

        return ranks;
    }

    /// <summary>
    /// P(S ≥ s) (greater) or P(S ≤ s) (less) for S = Σ Bᵢ·2rᵢ over the non-zero differences, Bᵢ fair
    /// coin flips, s the observed value; doubled ranks are whole numbers even with ties. Zero
    /// differences add the same half rank to every outcome, so they leave the comparison unchanged.
    /// </summary>
    private static double ExactPValue(ReadOnlySpan<double> differences, double[] ranks, bool greater)
    {
        var total = 0;
        var observed = 0;
        var weights = new List<int>(differences.Length);
        for (var i = 0; i < differences.Length; i++)
        {
            if (differences[i] == 0)
            {
                continue;
            }

            var doubled = (int)Math.Round(2 * ranks[i]);
            weights.Add(doubled);
            total += doubled;
            if (differences[i] > 0)
            {
                observed += doubled;
            }
        }

        var probability = new double[total + 1];
        probability[0] = 1;
        var reach = 0;
        foreach (var w in weights)
        {
            for (var s = reach; s >= 0; s--)
            {
                var p = probability[s] * 0.5;
                probability[s] = p;
                probability[s + w] += p;
            }

            reach += w;
        }

        var tail = 0.0;
        if (greater)
        {
            for (var s = observed; s <= total; s++)
            {
                tail += probability[s];
            }
        }
        else
        {
            for (var s = 0; s <= observed; s++)
            {
                tail += probability[s];
            }
        }

        return Math.Clamp(tail, 0, 1);
    }
}
