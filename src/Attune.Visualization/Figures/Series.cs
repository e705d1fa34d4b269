namespace Attune.Visualization;

/// <summary>A data series of a <see cref="Panel"/> (one plotly trace).</summary>
/// <param name="Name">The name shown in the legend and on hover.</param>
public abstract record Series(string Name)
{
    /// <summary>Whether the series has an entry in the legend.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ShowInLegend { get; init; } = true;

    /// <summary>Text shown when hovering each point or bar, in data order.</summary>
    /// <value>Default <see langword="null"/>: the coordinates only.</value>
    public IReadOnlyList<string>? HoverText { get; init; }
}
