namespace Attune.Visualization;

/// <summary>Bars at <see cref="Positions"/> with <see cref="Lengths"/>, from <see cref="Base"/> (or 0).</summary>
/// <param name="Name">The name.</param>
/// <param name="Positions">Where each bar stands on the category (or time) axis.</param>
/// <param name="Lengths">Each bar's length along the value axis.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Positions, IReadOnlyList<double> Lengths) : Series(Name)
{
    /// <summary>Whether bars lie along the horizontal axis (positions on the vertical axis).</summary>
    /// <value>Default <see langword="false"/>: vertical bars.</value>
    public bool Horizontal { get; init; }

    /// <summary>Where each bar starts on the value axis.</summary>
    /// <value>Default <see langword="null"/>: at 0.</value>
    public IReadOnlyList<double>? Base { get; init; }

    /// <summary>The bars' colour.</summary>
    /// <value>Default <see cref="Palette.Blue"/>.</value>
    public string Color { get; init; } = Palette.Blue;

    /// <summary>Text written beside each bar.</summary>
    /// <value>Default <see langword="null"/>: none.</value>
    public IReadOnlyList<string>? Labels { get; init; }
}
