namespace Attune.Visualization;

/// <summary>
/// A figure as data: a title and one or more panels laid out in a grid, each with its axes and data series.
/// Built from a study by <see cref="Plots"/>, written to a file by <see cref="HtmlRenderer"/> or <see cref="SvgRenderer"/>.
/// </summary>
/// <param name="Kind">What the figure shows, e.g. <c>optimization-history</c> (a stable identifier).</param>
/// <param name="Title">The title.</param>
/// <param name="Panels">The panels, row by row.</param>
public sealed record Figure(string Kind, string Title, IReadOnlyList<Panel> Panels)
{
    /// <summary>How many panels a row holds.</summary>
    /// <value>Default 1.</value>
    public int Columns { get; init; } = 1;

    /// <summary>Whether the figure shows a legend of its named series.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ShowLegend { get; init; } = true;

    /// <summary>How many rows the panels fill.</summary>
    public int Rows => Columns <= 0 ? Panels.Count : (Panels.Count + Columns - 1) / Columns;

    /// <summary>Every series of every panel, in order (one plotly trace each).</summary>
    public IEnumerable<Series> AllSeries => Panels.SelectMany(p => p.Series);
}
