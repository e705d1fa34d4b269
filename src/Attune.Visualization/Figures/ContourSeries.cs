namespace Attune.Visualization;

/// <summary>A filled contour of values on a grid: <c>Z[j][i]</c> is the value at (<c>X[i]</c>, <c>Y[j]</c>).</summary>
/// <param name="Name">The name.</param>
/// <param name="X">Grid coordinates along the horizontal axis, increasing.</param>
/// <param name="Y">Grid coordinates along the vertical axis, increasing.</param>
/// <param name="Z">Values, one row per <paramref name="Y"/>, one column per <paramref name="X"/>.</param>
public sealed record ContourSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<IReadOnlyList<double>> Z) : Series(Name)
{
    /// <summary>The colour scale.</summary>
    /// <value>Default <see cref="ColorScale.Blues"/>.</value>
    public ColorScale ColorScale { get; init; } = ColorScale.Blues;

    /// <summary>Whether the scale runs from its last colour to its first.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ReverseScale { get; init; }

    /// <summary>The colour bar's title; a colour bar is shown when set.</summary>
    /// <value>Default <see langword="null"/>: no colour bar.</value>
    public string? ColorTitle { get; init; }
}
