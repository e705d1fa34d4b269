using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// log PI(x) = log Φ((μ(x) − f*)/σ(x)): the log probability that the value at x beats the best
/// (standardized, maximized) value observed. Also the log probability of feasibility of a
/// constraint, with f* the standardized feasibility threshold.
/// </summary>
internal sealed class LogProbabilityOfImprovementAcquisition : SingleObjectiveAcquisition
{
    private const double StabilizingNoise = 1e-12;
    private readonly double threshold;

    /// <summary>Creates the function.</summary>
    /// <param name="model">The GP.</param>
    /// <param name="threshold">f*.</param>
    public LogProbabilityOfImprovementAcquisition(GaussianProcess model, double threshold)
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
        var logCdf = Normal.LogNdtr(z);

        // d log Φ/dz = φ/Φ.
        var ratio = Math.Exp(Normal.LogPdf(z) - logCdf);
        dMean = ratio / sigma;
        dVariance = -ratio * z / (2 * v);
        return logCdf;
    }
}
