namespace Attune.Visualization;

/// <summary>Points, lines or steps at (<see cref="X"/>, <see cref="Y"/>[, <see cref="Z"/>]).</summary>
/// <param name="Name">The name.</param>
/// <param name="X">Horizontal coordinates.</param>
/// <param name="Y">Vertical coordinates, as many as <paramref name="X"/>; a NaN breaks a line.</param>
public sealed record ScatterSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y) : Series(Name)
{
    /// <summary>Depth coordinates, for a 3D panel.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public IReadOnlyList<double>? Z { get; init; }

    /// <summary>How points are drawn.</summary>
    /// <value>Default <see cref="SeriesMode.Markers"/>.</value>
    public SeriesMode Mode { get; init; } = SeriesMode.Markers;

    /// <summary>The colour of markers and lines (when <see cref="ColorValues"/> is not set).</summary>
    /// <value>Default <see cref="Palette.Blue"/>.</value>
    public string Color { get; init; } = Palette.Blue;

    /// <summary>One value per point, mapped to a marker colour through <see cref="ColorScale"/>.</summary>
    /// <value>Default <see langword="null"/>: every marker in <see cref="Color"/>.</value>
    public IReadOnlyList<double>? ColorValues { get; init; }

    /// <summary>The scale for <see cref="ColorValues"/>.</summary>
    /// <value>Default <see cref="ColorScale.Blues"/>.</value>
    public ColorScale ColorScale { get; init; } = ColorScale.Blues;

    /// <summary>Whether the scale runs from its last colour to its first.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ReverseScale { get; init; }

    /// <summary>The colour bar's title; a colour bar is shown when set (with <see cref="ColorValues"/>).</summary>
    /// <value>Default <see langword="null"/>: no colour bar.</value>
    public string? ColorTitle { get; init; }

    /// <summary>Marker diameter in pixels.</summary>
    /// <value>Default 6.</value>
    public double MarkerSize { get; init; } = 6;
}
