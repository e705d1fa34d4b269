namespace Attune.Numerics;

/// <summary>
/// Expected improvement in log space (Ament, Daulton, Eriksson, Balandat and Bakshy, "Unexpected
/// Improvements to Expected Improvement for Bayesian Optimization", NeurIPS 2023). With
/// h(z) = φ(z) + z·Φ(z), the expected improvement of a normal N(μ, σ²) over a threshold f* is
/// σ·h((μ − f*)/σ); h underflows to 0 for z below about −38, where its logarithm is still an
/// ordinary number (log h(−40) ≈ −807.4), so acquisition optimizers keep a useful gradient.
/// </summary>
/// <remarks>
/// For z ≥ −1, log h is computed directly. Below, h(z) = φ(z)·(1 − q) with
/// q = |z|·√(π/2)·erfcx(|z|/√2) (the scaled Mills ratio), so log h = log φ(z) + log(1 − q); for
/// |z| ≥ 12 the factor 1 − q comes from its asymptotic series Σ (−1)^(k+1) (2k − 1)!!/z^(2k), which
/// avoids the cancellation in 1 − q.
/// </remarks>
internal static class ExpectedImprovement
{
    private const double SqrtHalfPi = 1.2533141373155002512;
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double SeriesThreshold = 12;

    /// <summary>log h(z) = log(φ(z) + z·Φ(z)).</summary>
    /// <param name="z">The standardized improvement (μ − f*)/σ.</param>
    /// <returns>log h(z); finite for every finite z.</returns>
    public static double LogH(double z)
    {
        if (z >= -1)
        {
            return Math.Log(Normal.Pdf(z) + (z * Normal.Cdf(z)));
        }

        return Normal.LogPdf(z) + Math.Log(OneMinusQ(-z, out _));
    }

    /// <summary>The derivative of log h: Φ(z)/h(z).</summary>
    /// <param name="z">The standardized improvement.</param>
    /// <returns>d log h / dz &gt; 0 (≈ −z for very negative z, → 1/z for large z).</returns>
    public static double LogHDerivative(double z)
    {
        if (z >= -1)
        {
            return Normal.Cdf(z) / (Normal.Pdf(z) + (z * Normal.Cdf(z)));
        }

        // Φ(z)/φ(z) = q/|z|, so Φ/h = q / (|z|·(1 − q)).
        var oneMinusQ = OneMinusQ(-z, out var q);
        return q / (-z * oneMinusQ);
    }

    /// <summary>log E[max(Y − f*, 0)] for Y ~ N(μ, σ²).</summary>
    /// <param name="mean">μ.</param>
    /// <param name="variance">σ² &gt; 0.</param>
    /// <param name="threshold">f*.</param>
    /// <returns>The log expected improvement.</returns>
    public static double LogEI(double mean, double variance, double threshold)
    {
        var sigma = Math.Sqrt(variance);
        return Math.Log(sigma) + LogH((mean - threshold) / sigma);
    }

    /// <summary>
    /// log(h(a) − h(b)) for a ≥ b (b may be −∞): the log of the expected length of
    /// [l, u] ∩ (−∞, Y] in units of σ, E[(min(Y, u) − l)₊]/σ with a = (μ − l)/σ, b = (μ − u)/σ.
    /// Close arguments (Δ·max(1, |m|) &lt; 10⁻³, Δ = a − b) use ∫ᵇᵃ Φ = Δ·Φ(m)·(1 − Δ²mφ(m)/(24Φ(m))) around the midpoint m, free of cancellation.
    /// </summary>
    /// <param name="a">The larger argument.</param>
    /// <param name="b">The smaller argument.</param>
    /// <param name="logHa">log h(a), when known (NaN to compute).</param>
    /// <param name="logHb">log h(b), when known (NaN to compute).</param>
    /// <returns>The log difference; −∞ when a = b.</returns>
    public static double LogHDifference(double a, double b, double logHa = double.NaN, double logHb = double.NaN)
    {
        if (double.IsNegativeInfinity(b))
        {
            return double.IsNaN(logHa) ? LogH(a) : logHa;
        }

        var delta = a - b;
        var m = 0.5 * (a + b);
        if (delta * Math.Max(1, Math.Abs(m)) < 1e-3)
        {
            // The next term, Δ⁵Φ''''(m)/1920, is below 1e-15 of the first here.
            if (delta <= 0)
            {
                return double.NegativeInfinity;
            }

            var logCdf = Normal.LogNdtr(m);
            var correction = -delta * delta * m * Math.Exp(Normal.LogPdf(m) - logCdf) / 24;
            return Math.Log(delta) + logCdf + LogMath.Log1P(correction);
        }

        return LogMath.LogDiffExp(double.IsNaN(logHa) ? LogH(a) : logHa, double.IsNaN(logHb) ? LogH(b) : logHb);
    }

    // 1 − q(t) with q(t) = t·√(π/2)·erfcx(t/√2), for t = −z ≥ 1; also returns q.
    private static double OneMinusQ(double t, out double q)
    {
        if (t < SeriesThreshold)
        {
            q = t * SqrtHalfPi * SpecialFunctions.Erfcx(t * InvSqrt2);
            return 1 - q;
        }

        var inverse = 1 / (t * t);
        var term = inverse;
        var sum = 0.0;
        for (var k = 1; k <= 60; k++)
        {
            sum += term;
            var next = -term * ((2 * k) + 1) * inverse;
            if (Math.Abs(next) <= 1e-17 * Math.Abs(sum))
            {
                break;
            }

            term = next;
        }

        q = 1 - sum;
        return sum;
    }
}
