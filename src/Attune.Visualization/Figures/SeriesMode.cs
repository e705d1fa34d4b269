namespace Attune.Visualization;

/// <summary>How a <see cref="ScatterSeries"/> draws its points.</summary>
public enum SeriesMode
{
    /// <summary>A marker at each point.</summary>
    Markers,

    /// <summary>Straight lines between points; a NaN breaks the line.</summary>
    Lines,

    /// <summary>Lines and markers.</summary>
    LinesAndMarkers,

    /// <summary>A step line (the value holds until the next point), as for a best-so-far curve.</summary>
    Steps,
}
