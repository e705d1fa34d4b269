namespace Attune.Visualization;

/// <summary>How an axis maps values to positions.</summary>
public enum AxisType
{
    /// <summary>Linear.</summary>
    Linear,

    /// <summary>Logarithmic (base 10); values must be positive.</summary>
    Log,

    /// <summary>Categories: values are indices 0, 1, … into <see cref="Axis.Categories"/>.</summary>
    Category,

    /// <summary>Time: values are milliseconds since the Unix epoch (UTC).</summary>
    Date,
}
