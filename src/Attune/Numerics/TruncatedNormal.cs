using Attune.Randomness;

namespace Attune.Numerics;

/// <summary>
/// The normal distribution truncated to an interval. Everything is computed in log space, so it stays
/// accurate when the interval lies far in a tail (e.g. [30, 31] standard deviations from the mean,
/// where Φ(31) − Φ(30) is 1 − 1 in double precision): the log of the normalising mass, the log
/// density, the inverse cumulative distribution and sampling by that inverse.
/// Methods without mean and standard deviation work in standard units.
/// </summary>
public static class TruncatedNormal
{
    private const double NarrowInterval = 0.05;

    /// <summary>log(Φ(b) − Φ(a)): the log of the standard normal's mass on [a, b].</summary>
    /// <param name="a">The lower bound, in standard units.</param>
    /// <param name="b">The upper bound, in standard units.</param>
    /// <returns>The log mass; −∞ when a = b; NaN when a &gt; b.</returns>
    public static double LogMass(double a, double b)
    {
        if (!(a <= b))
        {
            return double.NaN;
        }

        if (a == b)
        {
            return double.NegativeInfinity;
        }

        var half = 0.5 * (b - a);
        var middle = 0.5 * (a + b);
        if (half * (Math.Abs(middle) + 1) <= NarrowInterval)
        {
            return NarrowLogMass(middle, half);
        }

        if (b <= 0)
        {
            return LogMath.LogDiffExp(Normal.LogNdtr(b), Normal.LogNdtr(a));
        }

        if (a >= 0)
        {
            return LogMath.LogDiffExp(Normal.LogNdtr(-a), Normal.LogNdtr(-b));
        }

        // Both tails are cut off; each is below 1/2, so 1 − (the tails) does not cancel badly.
        return LogMath.Log1P(-(Normal.Cdf(a) + Normal.Cdf(-b)));
    }

    /// <summary>The log density at <paramref name="x"/> of the standard normal truncated to [a, b].</summary>
    /// <param name="x">The point, in standard units.</param>
    /// <param name="a">The lower bound.</param>
    /// <param name="b">The upper bound.</param>
    /// <returns>The log density; −∞ outside [a, b].</returns>
    public static double LogPdf(double x, double a, double b)
    {
        if (x < a || x > b)
        {
            return double.NegativeInfinity;
        }

        return Normal.LogPdf(x) - LogMass(a, b);
    }

    /// <summary>The log density at <paramref name="x"/> of N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²) truncated to [low, high].</summary>
    /// <param name="x">The point.</param>
    /// <param name="mean">The mean of the untruncated normal.</param>
    /// <param name="standardDeviation">Its standard deviation, &gt; 0.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <returns>The log density; −∞ outside [low, high].</returns>
    public static double LogPdf(double x, double mean, double standardDeviation, double low, double high) =>
        LogPdf((x - mean) / standardDeviation, (low - mean) / standardDeviation, (high - mean) / standardDeviation)
        - Math.Log(standardDeviation);

    /// <summary>
    /// The inverse cumulative distribution of the standard normal truncated to [a, b]: the x in [a, b]
    /// with (Φ(x) − Φ(a))/(Φ(b) − Φ(a)) = <paramref name="q"/>, solved in log space on the side of the
    /// interval that keeps the digits (the left tail when a &lt; 0, the mirrored right tail otherwise).
    /// </summary>
    /// <param name="q">A probability in [0, 1].</param>
    /// <param name="a">The lower bound.</param>
    /// <param name="b">The upper bound, &gt; a.</param>
    /// <returns>The quantile, in [a, b]; NaN for invalid arguments.</returns>
    public static double Quantile(double q, double a, double b)
    {
        if (!(q >= 0 && q <= 1 && a < b))
        {
            return double.NaN;
        }

        if (q == 0)
        {
            return a;
        }

        if (q == 1)
        {
            return b;
        }

        var logMass = LogMass(a, b);
        double x;
        if (a < 0)
        {
            x = Normal.NdtriExp(LogMath.LogAddExp(Normal.LogNdtr(a), Math.Log(q) + logMass));
        }
        else
        {
            x = -Normal.NdtriExp(LogMath.LogAddExp(Normal.LogNdtr(-b), LogMath.Log1P(-q) + logMass));
        }

        return Math.Clamp(x, a, b);
    }

    /// <summary>Draws from the standard normal truncated to [a, b] by inverting its cumulative distribution.</summary>
    /// <param name="random">The random stream.</param>
    /// <param name="a">The lower bound.</param>
    /// <param name="b">The upper bound, &gt; a.</param>
    /// <returns>A point in [a, b].</returns>
    public static double Sample(SeededRandom random, double a, double b)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Quantile(random.NextDouble(), a, b);
    }

    /// <summary>Draws from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²) truncated to [low, high].</summary>
    /// <param name="random">The random stream.</param>
    /// <param name="mean">The mean of the untruncated normal.</param>
    /// <param name="standardDeviation">Its standard deviation, &gt; 0.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound, &gt; low.</param>
    /// <returns>A point in [low, high].</returns>
    public static double Sample(SeededRandom random, double mean, double standardDeviation, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(random);
        var z = Quantile(random.NextDouble(), (low - mean) / standardDeviation, (high - mean) / standardDeviation);
        return Math.Clamp(mean + (standardDeviation * z), low, high);
    }

    /// <summary>
    /// log ∫ φ over [m − h, m + h] for a narrow interval, from the Taylor series of φ about m:
    /// 2hφ(m)·(1 + He₂(m)h²/3! + He₄(m)h⁴/5! + He₆(m)h⁶/7! + He₈(m)h⁸/9!), He the Hermite polynomials.
    /// </summary>
    private static double NarrowLogMass(double m, double h)
    {
        var m2 = m * m;
        var h2 = h * h;
        var he2 = m2 - 1;
        var he4 = (m2 * (m2 - 6)) + 3;
        var he6 = (m2 * ((m2 * (m2 - 15)) + 45)) - 15;
        var he8 = (m2 * ((m2 * ((m2 * (m2 - 28)) + 210)) - 420)) + 105;
        var series = h2 * ((he2 / 6) + (h2 * ((he4 / 120) + (h2 * ((he6 / 5040) + (h2 * he8 / 362880))))));
        return Math.Log(2 * h) + Normal.LogPdf(m) + LogMath.Log1P(series);
    }
}
