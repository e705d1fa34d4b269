using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// log EI(x) = log σ(x) + log h((μ(x) − f*)/σ(x)) (see <see cref="ExpectedImprovement"/>), with f* the
/// best (standardized, maximized) value observed. A tiny variance (1e-12, as Optuna) is added to σ²
/// so that the function stays finite at the training points.
/// </summary>
internal sealed class LogExpectedImprovementAcquisition : SingleObjectiveAcquisition
{
    private const double StabilizingNoise = 1e-12;
    private readonly double threshold;

    /// <summary>Creates the function.</summary>
    /// <param name="model">The GP.</param>
    /// <param name="threshold">f*.</param>
    public LogExpectedImprovementAcquisition(GaussianProcess model, double threshold)
        : base(model)
    {
        this.threshold = threshold;
    }

    /// <inheritdoc/>
    protected override double Value(double mean, double variance, out double dMean, out double dVariance)
    {
        var v = variance + StabilizingNoise;
        var sigma = Math.Sqrt(v);
        var z = (mean - threshold) / sigma;
        var slope = ExpectedImprovement.LogHDerivative(z);

        // ∂/∂μ = h'/h · 1/σ; ∂/∂σ² = (1/σ − h'/h · z/σ) · 1/(2σ).
        dMean = slope / sigma;
        dVariance = (1 - (slope * z)) / (2 * v);
        return Math.Log(sigma) + ExpectedImprovement.LogH(z);
    }
}
