namespace Attune.Visualization;

/// <summary>A file format for figures.</summary>
public enum FigureFormat
{
    /// <summary>A self-contained HTML page with plotly.js embedded.</summary>
    Html,

    /// <summary>A static SVG image.</summary>
    Svg,
}
