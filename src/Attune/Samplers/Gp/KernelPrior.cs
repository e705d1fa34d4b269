namespace Attune.Samplers;

/// <summary>
/// The log prior density (up to a constant) of the kernel hyperparameters and its gradient with
/// respect to the raw parameters the fit works in: log ηⱼ, log scale and log(σ² − minimum noise);
/// and the box each prior confines those parameters to.
/// </summary>
internal static class KernelPrior
{
    /// <summary>The smallest noise variance a prior allows (the fit adds it to e^raw).</summary>
    /// <param name="prior">The prior.</param>
    /// <returns>1e-6 (Optuna) or 1e-4 (Hvarfner et al.).</returns>
    public static double MinimumNoise(GpKernelPrior prior) => prior == GpKernelPrior.DimensionScaledLogNormal ? 1e-4 : 1e-6;

    /// <summary>Whether the prior holds the kernel scale at 1 instead of fitting it.</summary>
    /// <param name="prior">The prior.</param>
    /// <returns><see langword="true"/> for the dimension-scaled prior.</returns>
    public static bool FixedScale(GpKernelPrior prior) => prior == GpKernelPrior.DimensionScaledLogNormal;

    /// <summary>The largest inverse squared lengthscale (smallest lengthscale) a prior allows.</summary>
    /// <param name="prior">The prior.</param>
    /// <returns>+∞ (Optuna) or 1/0.025² (Hvarfner et al.).</returns>
    public static double MaxInverseSquaredLengthscale(GpKernelPrior prior) =>
        prior == GpKernelPrior.DimensionScaledLogNormal ? 1 / (0.025 * 0.025) : double.PositiveInfinity;

    /// <summary>The log prior and its gradient.</summary>
    /// <param name="prior">Which prior.</param>
    /// <param name="parameters">The hyperparameters.</param>
    /// <param name="noiseExcess">σ² − the minimum noise (the exponential of the raw noise parameter).</param>
    /// <param name="gradient">Receives ∂/∂raw, d + 2 elements (added to, not overwritten).</param>
    /// <returns>The log prior.</returns>
    public static double LogDensity(GpKernelPrior prior, KernelParameters parameters, double noiseExcess, Span<double> gradient)
    {
        var eta = parameters.InverseSquaredLengthscales;
        var d = eta.Length;
        var value = 0.0;
        if (prior == GpKernelPrior.DimensionScaledLogNormal)
        {
            // Hvarfner, Hellsten and Nardi (2024), as BoTorch and Optuna state it: log-normal densities on
            // ℓ with log ℓ ~ N(√2 + ½ log d, 3) and on σ² with log σ² ~ N(−4, 1) (densities in ℓ and σ²,
            // so the modes are e^(μ − 3) and e^(−5)). The scale is held at 1 (outputs are standardized).
            // With r = log η = −2 log ℓ: log p = −(r + 2μ)²/24 + r/2.
            var mu = Math.Sqrt(2) + (0.5 * Math.Log(d));
            for (var j = 0; j < d; j++)
            {
                var r = Math.Log(eta[j]);
                value += (-(r + (2 * mu)) * (r + (2 * mu)) / 24) + (r / 2);
                gradient[j] += (-(r + (2 * mu)) / 12) + 0.5;
            }

            var logNoise = Math.Log(parameters.NoiseVariance);
            value += (-(logNoise + 4) * (logNoise + 4) / 2) - logNoise;
            gradient[d + 1] += (-(logNoise + 4) - 1) * noiseExcess / parameters.NoiseVariance;
            return value;
        }

        // Optuna's default: −Σ (0.1/η + 0.1η) on the inverse squared lengthscales,
        // Gamma(2, 1) on the scale and Gamma(1.1, 30) on the noise variance.
        for (var j = 0; j < d; j++)
        {
            value -= (0.1 / eta[j]) + (0.1 * eta[j]);
            gradient[j] += (0.1 / eta[j]) - (0.1 * eta[j]);
        }

        var scale = parameters.Scale;
        value += Math.Log(scale) - scale;
        gradient[d] += 1 - scale;
        var noise = parameters.NoiseVariance;
        value += (0.1 * Math.Log(noise)) - (30 * noise);
        gradient[d + 1] += ((0.1 / noise) - 30) * noiseExcess;
        return value;
    }
}
