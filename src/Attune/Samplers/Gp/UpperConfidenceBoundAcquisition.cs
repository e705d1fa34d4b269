namespace Attune.Samplers;

/// <summary>UCB(x) = μ(x) + √β·σ(x) (GP-UCB, Srinivas, Krause, Kakade and Seeger 2010).</summary>
internal sealed class UpperConfidenceBoundAcquisition : SingleObjectiveAcquisition
{
    private const double StabilizingNoise = 1e-12;
    private readonly double sqrtBeta;

    /// <summary>Creates the function.</summary>
    /// <param name="model">The GP.</param>
    /// <param name="beta">β ≥ 0.</param>
    public UpperConfidenceBoundAcquisition(GaussianProcess model, double beta)
        : base(model)
    {
        sqrtBeta = Math.Sqrt(beta);
    }

    /// <summary>
    /// The β of GP-UCB at step t as Srinivas et al. (2010) ran it in their experiments: the schedule
    /// of their Theorem 1, 2·log(|D|·t²·π²/(6δ)) with δ = 0.1 and |D| taken as the number of
    /// coordinates d, scaled down by a factor of 5 (the theoretical value over-explores).
    /// </summary>
    /// <param name="dimension">d.</param>
    /// <param name="step">t, the number of observations plus one.</param>
    /// <returns>β_t.</returns>
    public static double Schedule(int dimension, int step) =>
        2 * Math.Log(Math.Max(dimension, 1) * (double)step * step * Math.PI * Math.PI / (6 * 0.1)) / 5;

    /// <inheritdoc/>
    protected override double Value(double mean, double variance, out double dMean, out double dVariance)
    {
        var sigma = Math.Sqrt(variance + StabilizingNoise);
        dMean = 1;
        dVariance = sqrtBeta / (2 * sigma);
        return mean + (sqrtBeta * sigma);
    }
}
