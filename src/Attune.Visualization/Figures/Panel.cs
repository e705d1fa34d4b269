namespace Attune.Visualization;

/// <summary>One plotting area of a <see cref="Figure"/>: axes and the series drawn against them.</summary>
/// <param name="X">The horizontal axis.</param>
/// <param name="Y">The vertical axis.</param>
/// <param name="Series">The data series, drawn in order.</param>
public sealed record Panel(Axis X, Axis Y, IReadOnlyList<Series> Series)
{
    /// <summary>A title above the panel.</summary>
    /// <value>Default <see langword="null"/>: none.</value>
    public string? Title { get; init; }

    /// <summary>The depth axis of a 3D panel.</summary>
    /// <value>Default <see langword="null"/>: a 2D panel.</value>
    public Axis? Z { get; init; }

    /// <summary>Whether the panel is empty by design (the diagonal of a pair matrix); renderers leave its place blank.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool IsBlank { get; init; }

    /// <summary>A panel that leaves its place in the grid empty.</summary>
    /// <returns>The blank panel.</returns>
    public static Panel Blank() => new(new Axis(string.Empty), new Axis(string.Empty), []) { IsBlank = true };
}
