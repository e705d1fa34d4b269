using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// Learning-rate adaptation for CMA-ES (Nomura, Akimoto and Ono, GECCO 2023, arXiv:2304.03473): the
/// learning rates of the mean and of the covariance are raised or lowered so that the signal-to-noise
/// ratio of their updates, measured in the local coordinates of the distribution, stays near a target.
/// On multimodal and noisy problems this replaces a larger population: the default population then
/// finds what only a much larger one would otherwise.
/// </summary>
internal sealed class CmaLearningRate
{
    private const double TargetRatio = 1.4;
    private const double MeanSmoothing = 0.1;
    private const double CovarianceSmoothing = 0.03;
    private const double RateGain = 0.1;

    /// <summary>Creates the adaptation state for dimension <paramref name="n"/>, with both learning rates at 1.</summary>
    /// <param name="n">The dimension.</param>
    public CmaLearningRate(int n)
    {
        MeanAverage = new double[n];
        CovarianceAverage = new double[n * n];
        MeanRate = 1;
        CovarianceRate = 1;
    }

    /// <summary>An independent copy.</summary>
    /// <returns>The copy.</returns>
    public CmaLearningRate Clone()
    {
        var copy = new CmaLearningRate(MeanAverage.Length)
        {
            MeanVariance = MeanVariance,
            CovarianceVariance = CovarianceVariance,
            MeanRate = MeanRate,
            CovarianceRate = CovarianceRate,
        };
        MeanAverage.CopyTo(copy.MeanAverage, 0);
        CovarianceAverage.CopyTo(copy.CovarianceAverage, 0);
        return copy;
    }

    /// <summary>The moving average of the mean's update in local coordinates (E_m).</summary>
    public double[] MeanAverage { get; }

    /// <summary>The moving average of the covariance's update in local coordinates (E_Σ), row-major.</summary>
    public double[] CovarianceAverage { get; }

    /// <summary>The moving average of the squared norm of the mean's update (V_m).</summary>
    public double MeanVariance { get; set; }

    /// <summary>The moving average of the squared norm of the covariance's update (V_Σ).</summary>
    public double CovarianceVariance { get; set; }

    /// <summary>The learning rate of the mean, η_m ∈ (0, 1].</summary>
    public double MeanRate { get; set; }

    /// <summary>The learning rate of the covariance, η_Σ ∈ (0, 1].</summary>
    public double CovarianceRate { get; set; }

    /// <summary>
    /// Applies the adaptation after a standard update from (m₀, σ₀, C₀) to (m, σ, C): measures the
    /// update, adapts the rates, and replaces (m, σ, C) by m₀ + η_m·Δm and Σ₀ + η_Σ·ΔΣ, split again
    /// into a step size σ = det(Σ)^(1/2n) and a covariance C = Σ/σ² of determinant 1.
    /// </summary>
    /// <param name="n">The dimension.</param>
    /// <param name="oldMean">m₀.</param>
    /// <param name="oldSigma">σ₀.</param>
    /// <param name="oldCovariance">C₀, row-major.</param>
    /// <param name="oldInverseRoot">C₀^(−1/2), row-major.</param>
    /// <param name="mean">m; replaced.</param>
    /// <param name="covariance">C; replaced.</param>
    /// <param name="sigma">σ; replaced.</param>
    /// <param name="maxSigma">The cap on σ.</param>
    public void Adapt(
        int n,
        ReadOnlySpan<double> oldMean,
        double oldSigma,
        ReadOnlySpan<double> oldCovariance,
        ReadOnlySpan<double> oldInverseRoot,
        Span<double> mean,
        Span<double> covariance,
        ref double sigma,
        double maxSigma)
    {
        var deltaMean = new double[n];
        for (var i = 0; i < n; i++)
        {
            deltaMean[i] = mean[i] - oldMean[i];
        }

        // ΔΣ = σ²C − σ₀²C₀.
        var deltaSigma = new double[n * n];
        for (var k = 0; k < deltaSigma.Length; k++)
        {
            deltaSigma[k] = (sigma * sigma * covariance[k]) - (oldSigma * oldSigma * oldCovariance[k]);
        }

        // Local coordinates: Σ₀^(−1/2) = C₀^(−1/2)/σ₀.
        var localMean = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += oldInverseRoot[(i * n) + j] * deltaMean[j];
            }

            localMean[i] = sum / oldSigma;
        }

        var temp = new double[n * n];
        MatrixProduct(oldInverseRoot, deltaSigma, temp, n);
        var localSigma = new double[n * n];
        MatrixProduct(temp, oldInverseRoot, localSigma, n);
        var localScale = 1 / (oldSigma * oldSigma * Math.Sqrt(2));
        for (var k = 0; k < localSigma.Length; k++)
        {
            localSigma[k] *= localScale;
        }

        var meanSquared = 0.0;
        for (var i = 0; i < n; i++)
        {
            MeanAverage[i] = ((1 - MeanSmoothing) * MeanAverage[i]) + (MeanSmoothing * localMean[i]);
            meanSquared += localMean[i] * localMean[i];
        }

        var sigmaSquared = 0.0;
        for (var k = 0; k < localSigma.Length; k++)
        {
            CovarianceAverage[k] = ((1 - CovarianceSmoothing) * CovarianceAverage[k]) + (CovarianceSmoothing * localSigma[k]);
            sigmaSquared += localSigma[k] * localSigma[k];
        }

        MeanVariance = ((1 - MeanSmoothing) * MeanVariance) + (MeanSmoothing * meanSquared);
        CovarianceVariance = ((1 - CovarianceSmoothing) * CovarianceVariance) + (CovarianceSmoothing * sigmaSquared);

        var previousMeanRate = MeanRate;
        MeanRate = NextRate(MeanRate, SignalToNoise(MeanAverage, MeanVariance, MeanSmoothing), MeanSmoothing);
        CovarianceRate = NextRate(CovarianceRate, SignalToNoise(CovarianceAverage, CovarianceVariance, CovarianceSmoothing), CovarianceSmoothing);

        // m ← m₀ + η_m·Δm; Σ ← Σ₀ + η_Σ·ΔΣ.
        var sigmaMatrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            mean[i] = oldMean[i] + (MeanRate * deltaMean[i]);
        }

        for (var k = 0; k < sigmaMatrix.Length; k++)
        {
            sigmaMatrix[k] = (oldSigma * oldSigma * oldCovariance[k]) + (CovarianceRate * deltaSigma[k]);
        }

        // σ = det(Σ)^(1/2n), C = Σ/σ²; then the step size is corrected for the change of η_m.
        var logDeterminant = 0.0;
        foreach (var eigenvalue in SymmetricEigen.Eigenvalues(sigmaMatrix, n))
        {
            logDeterminant += Math.Log(eigenvalue);
        }

        var newSigma = Math.Min(Math.Exp(logDeterminant / 2 / n), maxSigma);
        for (var k = 0; k < sigmaMatrix.Length; k++)
        {
            covariance[k] = sigmaMatrix[k] / (newSigma * newSigma);
        }

        sigma = newSigma * previousMeanRate / MeanRate;
    }

    private static double SignalToNoise(ReadOnlySpan<double> average, double variance, double smoothing)
    {
        var squared = 0.0;
        foreach (var a in average)
        {
            squared += a * a;
        }

        return (squared - (smoothing / (2 - smoothing) * variance)) / (variance - squared);
    }

    private static double NextRate(double rate, double signalToNoise, double smoothing)
    {
        var relative = Math.Clamp((signalToNoise / TargetRatio / rate) - 1, -1, 1);
        if (double.IsNaN(relative))
        {
            return rate;
        }

        return Math.Min(rate * Math.Exp(Math.Min(RateGain * rate, smoothing) * relative), 1);
    }

    private static void MatrixProduct(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result, int n)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += a[(i * n) + k] * b[(k * n) + j];
                }

                result[(i * n) + j] = sum;
            }
        }
    }
}
