namespace Attune.Samplers;

/// <summary>
/// A function of a point in the GP's coordinates that the sampler maximizes to choose the next
/// trial. An instance serves one sampling decision and holds scratch buffers: not thread-safe.
/// </summary>
internal interface IAcquisitionFunction
{
    /// <summary>The value at <paramref name="point"/>.</summary>
    /// <param name="point">The coordinates.</param>
    /// <returns>The value (larger is better); may be −∞.</returns>
    double Evaluate(ReadOnlySpan<double> point);

    /// <summary>The value and its gradient with respect to the coordinates (zero for categorical ones).</summary>
    /// <param name="point">The coordinates.</param>
    /// <param name="gradient">Receives the gradient.</param>
    /// <returns>The value.</returns>
    double EvaluateWithGradient(ReadOnlySpan<double> point, Span<double> gradient);

    /// <summary>The values at many points.</summary>
    /// <param name="points">The points, row-major.</param>
    /// <param name="count">How many.</param>
    /// <param name="values">Receives the values.</param>
    void EvaluateBatch(ReadOnlySpan<double> points, int count, Span<double> values);
}
