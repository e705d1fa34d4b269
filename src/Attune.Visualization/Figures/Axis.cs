namespace Attune.Visualization;

/// <summary>An axis of a <see cref="Panel"/>.</summary>
/// <param name="Title">The axis title.</param>
public sealed record Axis(string Title)
{
    /// <summary>The scale.</summary>
    /// <value>Default <see cref="AxisType.Linear"/>.</value>
    public AxisType Type { get; init; } = AxisType.Linear;

    /// <summary>The category labels of a <see cref="AxisType.Category"/> axis, by index.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>A fixed lower end, in data units.</summary>
    /// <value>Default <see langword="null"/>: from the data.</value>
    public double? Min { get; init; }

    /// <summary>A fixed upper end, in data units.</summary>
    /// <value>Default <see langword="null"/>: from the data.</value>
    public double? Max { get; init; }
}
