namespace Attune.Numerics;

/// <summary>
/// The standard normal distribution: density, cumulative distribution and their logarithms, and the
/// inverse of the cumulative distribution, all accurate in relative terms far into both tails
/// (e.g. <c>LogNdtr(-40)</c>, <c>Ndtri(1e-300)</c>).
/// </summary>
public static class Normal
{
    /// <summary>log(√(2π)).</summary>
    public const double LogSqrt2Pi = 0.91893853320467274178;

    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;
    private const double Ln2High = 0.693147180559945286226764; // log 2 rounded to double
    private const double Ln2Low = 2.319046813846299558e-17; // log 2 − Ln2High
    private const double LogCentralLow = -2.5902671654458267; // log(0.075)
    private const double LogCentralHigh = -0.077961541469711862; // log(0.925)

    // AS 241 (Wichura, Applied Statistics 37, 1988), coefficients from the constant term up.
    private static readonly double[] CentralNumerator =
    [
        3.3871328727963666080e+00, 1.3314166789178437745e+02, 1.9715909503065514427e+03, 1.3731693765509461125e+04,
        4.5921953931549871457e+04, 6.7265770927008700853e+04, 3.3430575583588128105e+04, 2.5090809287301226727e+03,
    ];

    private static readonly double[] CentralDenominator =
    [
        1.0, 4.2313330701600911252e+01, 6.8718700749205790830e+02, 5.3941960214247511077e+03,
        2.1213794301586595867e+04, 3.9307895800092710610e+04, 2.8729085735721942674e+04, 5.2264952788528545610e+03,
    ];

    private static readonly double[] NearNumerator =
    [
        1.42343711074968357734e+00, 4.63033784615654529590e+00, 5.76949722146069140550e+00, 3.64784832476320460504e+00,
        1.27045825245236838258e+00, 2.41780725177450611770e-01, 2.27238449892691845833e-02, 7.74545014278341407640e-04,
    ];

    private static readonly double[] NearDenominator =
    [
        1.0, 2.05319162663775882187e+00, 1.67638483018380384940e+00, 6.89767334985100004550e-01,
        1.48103976427480074590e-01, 1.51986665636164571966e-02, 5.47593808499534494600e-04, 1.05075007164441684324e-09,
    ];

    private static readonly double[] FarNumerator =
    [
        6.65790464350110377720e+00, 5.46378491116411436990e+00, 1.78482653991729133580e+00, 2.96560571828504891230e-01,
        2.65321895265761230930e-02, 1.24266094738807843860e-03, 2.71155556874348757815e-05, 2.01033439929228813265e-07,
    ];

    private static readonly double[] FarDenominator =
    [
        1.0, 5.99832206555887937690e-01, 1.36929880922735805310e-01, 1.48753612908506148525e-02,
        7.86869131145613259100e-04, 1.84631831751005468180e-05, 1.42151175831644588870e-07, 2.04426310338993978564e-15,
    ];

    /// <summary>The density φ(x) = e^(−x²/2)/√(2π).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>φ(x).</returns>
    public static double Pdf(double x) => InvSqrt2Pi * ExpMinusHalfSquare(x);

    /// <summary>The log density log φ(x) = −x²/2 − log √(2π).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log φ(x).</returns>
    public static double LogPdf(double x) => (-0.5 * x * x) - LogSqrt2Pi;

    /// <summary>The cumulative distribution Φ(x) = P(Z ≤ x), accurate in relative terms in the lower tail.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Φ(x) in [0, 1].</returns>
    public static double Cdf(double x)
    {
        if (x < -1)
        {
            return 0.5 * SpecialFunctions.Erfcx(-x * InvSqrt2) * ExpMinusHalfSquare(x);
        }

        return x <= 1 ? 0.5 * SpecialFunctions.Erfc(-x * InvSqrt2) : 1 - (0.5 * SpecialFunctions.Erfc(x * InvSqrt2));
    }

    /// <summary>
    /// log Φ(x), accurate for every x: for very negative x (Φ(−40) ≈ 4e-350 underflows) it is computed
    /// from the scaled complementary error function, for large x from log(1 − Φ(−x)).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>log Φ(x) ≤ 0.</returns>
    public static double LogNdtr(double x)
    {
        if (x > 0)
        {
            return LogMath.Log1P(-Cdf(-x));
        }

        if (x >= -1)
        {
            return Math.Log(Cdf(x));
        }

        var square = x * x;
        var low = Math.FusedMultiplyAdd(x, x, -square);
        return Math.Log(0.5 * SpecialFunctions.Erfcx(-x * InvSqrt2)) - (0.5 * square) - (0.5 * low);
    }

    /// <summary>The inverse of <see cref="Cdf"/>: the x with Φ(x) = p (Wichura's algorithm AS 241, refined in the far tail).</summary>
    /// <param name="p">A probability.</param>
    /// <returns>x; −∞ for 0, +∞ for 1, NaN outside [0, 1].</returns>
    public static double Ndtri(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            return double.NaN;
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        var q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            return Central(q);
        }

        return q < 0 ? -Tail(Math.Log(p)) : Tail(Math.Log(1 - p));
    }

    /// <summary>
    /// The inverse of <see cref="LogNdtr"/>: the x with log Φ(x) = <paramref name="logP"/>. Works where
    /// Φ(x) itself underflows (log p down to −1e300), so truncated normals far in a tail can be sampled.
    /// </summary>
    /// <param name="logP">log p ≤ 0.</param>
    /// <returns>x; +∞ for 0, −∞ for −∞, NaN above 0.</returns>
    public static double NdtriExp(double logP)
    {
        if (!(logP <= 0))
        {
            return double.NaN;
        }

        if (logP == 0)
        {
            return double.PositiveInfinity;
        }

        if (double.IsNegativeInfinity(logP))
        {
            return double.NegativeInfinity;
        }

        if (logP < LogCentralLow)
        {
            return -Tail(logP);
        }

        if (logP > LogCentralHigh)
        {
            // Invert the upper tail 1 − p = −expm1(log p), which keeps its digits.
            return Tail(Math.Log(-LogMath.ExpM1(logP)));
        }

        // p − 1/2 = (e^(log p + log 2) − 1)/2, with log 2 in two parts so that the sum is exact near p = 1/2.
        return Central(0.5 * LogMath.ExpM1(logP + Ln2High + Ln2Low));
    }

    /// <summary>e^(−x²/2) without the rounding error of x² (the low part of x² comes from a fused multiply-add).</summary>
    internal static double ExpMinusHalfSquare(double x)
    {
        var square = x * x;
        if (square > 1500)
        {
            return 0;
        }

        var low = Math.FusedMultiplyAdd(x, x, -square);
        return Math.Exp(-0.5 * square) * (1 - (0.5 * low));
    }

    /// <summary>AS 241 for |p − 1/2| ≤ 0.425.</summary>
    private static double Central(double q)
    {
        var r = 0.180625 - (q * q);
        return q * Polynomial(CentralNumerator, r) / Polynomial(CentralDenominator, r);
    }

    /// <summary>
    /// The positive deviate t with log(1 − Φ(t)) = <paramref name="logTail"/> (log of a tail probability
    /// below 0.075): AS 241 in r = √(−log tail), then Newton steps on log Φ where r is beyond the
    /// approximation's design range.
    /// </summary>
    private static double Tail(double logTail)
    {
        var r = Math.Sqrt(-logTail);
        var t = r <= 5
            ? Polynomial(NearNumerator, r - 1.6) / Polynomial(NearDenominator, r - 1.6)
            : Polynomial(FarNumerator, r - 5) / Polynomial(FarDenominator, r - 5);
        if (logTail < -680)
        {
            // Beyond AS 241's range: Newton on g(x) = log Φ(−x) − logTail, g'(x) = −φ(x)/Φ(−x).
            for (var i = 0; i < 8; i++)
            {
                var g = LogNdtr(-t) - logTail;
                var slope = Math.Exp(LogPdf(t) - LogNdtr(-t));
                var step = g / slope;
                t += step;
                if (Math.Abs(step) <= 1e-16 * t)
                {
                    break;
                }
            }
        }

        return t;
    }

    /// <summary>Σ c[i]·x^i by Horner's rule.</summary>
    private static double Polynomial(double[] coefficients, double x)
    {
        var sum = coefficients[^1];
        for (var i = coefficients.Length - 2; i >= 0; i--)
        {
            sum = (sum * x) + coefficients[i];
        }

        return sum;
    }
}
