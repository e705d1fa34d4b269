namespace Attune.Samplers;

/// <summary>
/// The Yeo–Johnson power transformation (Yeo and Johnson 2000) with its exponent λ fitted by
/// maximum likelihood, as HEBO warps objective values (Cowen-Rivers et al. 2022): heavy tails — a
/// few trials orders of magnitude worse than the rest, as on Rosenbrock's function — are
/// compressed, so that the GP, which assumes Gaussian values, models the good region instead of
/// the outliers.
/// </summary>
/// <remarks>
/// ψ(y; λ) = ((y + 1)^λ − 1)/λ for y ≥ 0 (log(y + 1) at λ = 0) and
/// −((1 − y)^(2−λ) − 1)/(2 − λ) for y &lt; 0 (−log(1 − y) at λ = 2), a monotone map. λ maximizes
/// the profile log-likelihood −(n/2)·log σ̂²(ψ) + (λ − 1)·Σ sign(yᵢ)·log(|yᵢ| + 1), searched over
/// [−2, 4] by golden sections. Values are standardized before the transformation.
/// </remarks>
internal static class PowerTransform
{
    private const double LowestLambda = -2;
    private const double HighestLambda = 4;

    /// <summary>Transforms <paramref name="values"/> (standardized first) with the fitted λ.</summary>
    /// <param name="values">The values; larger is worse or better alike (the map is increasing).</param>
    /// <param name="lambda">Receives the fitted λ.</param>
    /// <returns>The transformed values (not standardized).</returns>
    public static double[] FitTransform(IReadOnlyList<double> values, out double lambda)
    {
        var z = GpTrainingData.Standardize(values, out _, out _);
        var logTerm = 0.0;
        foreach (var v in z)
        {
            logTerm += Math.Sign(v) * Math.Log(Math.Abs(v) + 1);
        }

        var buffer = new double[z.Length];
        double LogLikelihood(double l)
        {
            for (var i = 0; i < z.Length; i++)
            {
                buffer[i] = Apply(z[i], l);
            }

            var mean = buffer.Average();
            var variance = 0.0;
            foreach (var w in buffer)
            {
                variance += (w - mean) * (w - mean);
            }

            variance /= Math.Max(z.Length, 1);
            return variance > 0 && double.IsFinite(variance) ? (-0.5 * z.Length * Math.Log(variance)) + ((l - 1) * logTerm) : double.NegativeInfinity;
        }

        // Golden-section search for the maximum of the (unimodal in practice) profile likelihood.
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = LowestLambda;
        var b = HighestLambda;
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        var fc = LogLikelihood(c);
        var fd = LogLikelihood(d);
        for (var iteration = 0; iteration < 60 && b - a > 1e-4; iteration++)
        {
            if (fc >= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (ratio * (b - a));
                fc = LogLikelihood(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (ratio * (b - a));
                fd = LogLikelihood(d);
            }
        }

        lambda = 0.5 * (a + b);
        if (!double.IsFinite(LogLikelihood(lambda)))
        {
            lambda = 1;
        }

        var result = new double[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            result[i] = Apply(z[i], lambda);
        }

        return result;
    }

    /// <summary>ψ(y; λ).</summary>
    /// <param name="y">The value.</param>
    /// <param name="lambda">λ.</param>
    /// <returns>The transformed value.</returns>
    public static double Apply(double y, double lambda)
    {
        if (y >= 0)
        {
            return Math.Abs(lambda) < 1e-12 ? Math.Log(y + 1) : (Math.Pow(y + 1, lambda) - 1) / lambda;
        }

        var power = 2 - lambda;
        return Math.Abs(power) < 1e-12 ? -Math.Log(1 - y) : -(Math.Pow(1 - y, power) - 1) / power;
    }
}
