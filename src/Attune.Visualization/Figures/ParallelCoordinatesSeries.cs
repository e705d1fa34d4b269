namespace Attune.Visualization;

/// <summary>One polyline per trial across parallel vertical axes, coloured by <see cref="ColorValues"/>.</summary>
/// <param name="Name">The name.</param>
/// <param name="Dimensions">The axes, left to right.</param>
/// <param name="ColorValues">One value per line, mapped through <see cref="ColorScale"/>.</param>
public sealed record ParallelCoordinatesSeries(string Name, IReadOnlyList<ParallelDimension> Dimensions, IReadOnlyList<double> ColorValues) : Series(Name)
{
    /// <summary>The colour scale.</summary>
    /// <value>Default <see cref="ColorScale.Blues"/>.</value>
    public ColorScale ColorScale { get; init; } = ColorScale.Blues;

    /// <summary>Whether the scale runs from its last colour to its first.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ReverseScale { get; init; }

    /// <summary>The colour bar's title.</summary>
    /// <value>Default <see langword="null"/>: no colour bar.</value>
    public string? ColorTitle { get; init; }
}
