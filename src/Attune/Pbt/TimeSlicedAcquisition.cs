using Attune.Samplers;

namespace Attune.Pbt;

/// <summary>
/// An acquisition function over (hyperparameters, time) seen as a function of the hyperparameters alone at one
/// time: the time coordinate is appended to every point, and its gradient dropped.
/// </summary>
internal sealed class TimeSlicedAcquisition : IAcquisitionFunction
{
    private readonly IAcquisitionFunction inner;
    private readonly double time;
    private readonly double[] point;
    private readonly double[] gradient;

    /// <summary>Creates the slice.</summary>
    /// <param name="inner">The function over d + 1 coordinates, time last.</param>
    /// <param name="dimension">d, the number of hyperparameter coordinates.</param>
    /// <param name="time">The time coordinate to evaluate at.</param>
    public TimeSlicedAcquisition(IAcquisitionFunction inner, int dimension, double time)
    {
        this.inner = inner;
        this.time = time;
        point = new double[dimension + 1];
        gradient = new double[dimension + 1];
    }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> point) => inner.Evaluate(Extend(point));

    /// <inheritdoc/>
    public double EvaluateWithGradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        var value = inner.EvaluateWithGradient(Extend(point), this.gradient);
        this.gradient.AsSpan(0, point.Length).CopyTo(gradient);
        return value;
    }

    /// <inheritdoc/>
    public void EvaluateBatch(ReadOnlySpan<double> points, int count, Span<double> values)
    {
        var d = point.Length - 1;
        var extended = new double[count * (d + 1)];
        for (var i = 0; i < count; i++)
        {
            points.Slice(i * d, d).CopyTo(extended.AsSpan(i * (d + 1), d));
            extended[(i * (d + 1)) + d] = time;
        }

        inner.EvaluateBatch(extended, count, values);
    }

    private double[] Extend(ReadOnlySpan<double> hyperparameters)
    {
        hyperparameters.CopyTo(point);
        point[^1] = time;
        return point;
    }
}
