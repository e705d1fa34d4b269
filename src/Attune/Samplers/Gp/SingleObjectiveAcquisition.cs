namespace Attune.Samplers;

/// <summary>
/// The base of acquisition functions that are a function of the posterior mean and variance of one
/// GP at the point: it evaluates the posterior (in batches for many points) and the chain rule.
/// </summary>
internal abstract class SingleObjectiveAcquisition : IAcquisitionFunction
{
    private readonly double[] scratch;
    private readonly double[] meanGradient;
    private readonly double[] varianceGradient;

    /// <summary>Creates the function over a model.</summary>
    /// <param name="model">The GP.</param>
    protected SingleObjectiveAcquisition(GaussianProcess model)
    {
        Model = model;
        scratch = new double[3 * Math.Max(model.Count, 1)];
        meanGradient = new double[model.Dimension];
        varianceGradient = new double[model.Dimension];
    }

    /// <summary>The GP.</summary>
    protected GaussianProcess Model { get; }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> point)
    {
        var mean = Model.Posterior(point, out var variance, scratch);
        return Value(mean, variance, out _, out _);
    }

    /// <inheritdoc/>
    public double EvaluateWithGradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        var mean = Model.PosteriorWithGradient(point, out var variance, meanGradient, varianceGradient, scratch);
        var value = Value(mean, variance, out var dMean, out var dVariance);
        for (var j = 0; j < meanGradient.Length; j++)
        {
            gradient[j] = (dMean * meanGradient[j]) + (dVariance * varianceGradient[j]);
        }

        return value;
    }

    /// <inheritdoc/>
    public void EvaluateBatch(ReadOnlySpan<double> points, int count, Span<double> values)
    {
        var means = new double[count];
        var variances = new double[count];
        Model.PosteriorBatch(points, count, means, variances);
        for (var i = 0; i < count; i++)
        {
            values[i] = Value(means[i], variances[i], out _, out _);
        }
    }

    /// <summary>The acquisition value as a function of the posterior, with its partial derivatives.</summary>
    /// <param name="mean">μ.</param>
    /// <param name="variance">σ² (≥ 0).</param>
    /// <param name="dMean">Receives ∂a/∂μ.</param>
    /// <param name="dVariance">Receives ∂a/∂σ².</param>
    /// <returns>The value.</returns>
    protected abstract double Value(double mean, double variance, out double dMean, out double dVariance);
}
