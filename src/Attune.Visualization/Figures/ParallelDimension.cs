namespace Attune.Visualization;

/// <summary>One vertical axis of a <see cref="ParallelCoordinatesSeries"/>.</summary>
/// <param name="Label">The axis label.</param>
/// <param name="Values">One value per line (trial), on this axis's scale (log10 of the value for a log parameter, the index for a categorical one).</param>
/// <param name="Min">The bottom of the axis.</param>
/// <param name="Max">The top of the axis.</param>
public sealed record ParallelDimension(string Label, IReadOnlyList<double> Values, double Min, double Max)
{
    /// <summary>Where tick labels stand, on the axis's scale.</summary>
    /// <value>Default <see langword="null"/>: automatic ticks.</value>
    public IReadOnlyList<double>? TickValues { get; init; }

    /// <summary>The labels at <see cref="TickValues"/> (category names, or the values of a log axis).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public IReadOnlyList<string>? TickLabels { get; init; }
}
