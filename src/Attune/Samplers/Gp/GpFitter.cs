using Attune.Numerics.Optimization;

namespace Attune.Samplers;

/// <summary>
/// Fits kernel hyperparameters by maximum a posteriori estimation: L-BFGS-B on the raw parameters
/// of <see cref="MarginalLikelihood"/>, started from the previous fit (a warm start: hyperparameters
/// move little between trials, so a few iterations suffice) and, when that fails, from the defaults.
/// </summary>
internal static class GpFitter
{
    /// <summary>L-BFGS-B's tolerance on the projected gradient of the loss (as Optuna's gtol).</summary>
    private const double GradientTolerance = 1e-2;

    /// <summary>Fits the hyperparameters.</summary>
    /// <param name="x">The points, row-major.</param>
    /// <param name="count">How many.</param>
    /// <param name="categorical">Which coordinates are categorical.</param>
    /// <param name="y">The standardized targets.</param>
    /// <param name="prior">The prior.</param>
    /// <param name="deterministic">Hold the noise at the minimum instead of fitting it.</param>
    /// <param name="warmStart">The previous fit, or <see langword="null"/>.</param>
    /// <returns>The MAP hyperparameters, or the defaults when no fit succeeds.</returns>
    public static KernelParameters Fit(
        ReadOnlySpan<double> x, int count, bool[] categorical, double[] y, GpKernelPrior prior, bool deterministic, KernelParameters? warmStart)
    {
        var likelihood = new MarginalLikelihood(x, count, categorical, y, prior);
        var size = likelihood.ParameterCount;
        var d = size - 2;
        var lower = new double[size];
        var upper = new double[size];
        Array.Fill(lower, double.NegativeInfinity);
        Array.Fill(upper, double.PositiveInfinity);
        var maxEta = KernelPrior.MaxInverseSquaredLengthscale(prior);
        for (var j = 0; j < d; j++)
        {
            upper[j] = Math.Log(maxEta);
        }

        if (KernelPrior.FixedScale(prior))
        {
            lower[d] = 0;
            upper[d] = 0;
        }

        if (deterministic)
        {
            lower[d + 1] = upper[d + 1] = Math.Log(0.01 * likelihood.MinimumNoise);
        }

        var defaults = Defaults(d, prior);
        foreach (var start in warmStart is null ? [defaults] : new[] { warmStart, defaults })
        {
            if (start.InverseSquaredLengthscales.Length != d)
            {
                continue;
            }

            var raw = new double[size];
            likelihood.ToRaw(start, raw);
            var result = LBfgsB.Minimize(
                likelihood.Loss, raw, lower, upper, new LBfgsBOptions { GradientTolerance = GradientTolerance, MaxIterations = 500, MaxEvaluations = 1000 });
            if (double.IsFinite(result.Value))
            {
                return likelihood.ToParameters(raw);
            }
        }

        return defaults;
    }

    /// <summary>The default hyperparameters, inside the prior's box.</summary>
    /// <param name="dimension">The number of coordinates.</param>
    /// <param name="prior">The prior.</param>
    /// <returns>η = 1, scale 1, noise 1.</returns>
    public static KernelParameters Defaults(int dimension, GpKernelPrior prior) =>
        KernelParameters.Default(dimension) with { NoiseVariance = 1 + KernelPrior.MinimumNoise(prior) };
}
