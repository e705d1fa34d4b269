namespace Attune.Visualization;

/// <summary>Options of <see cref="StudyReport"/>.</summary>
public sealed record StudyReportOptions
{
    /// <summary>Parameter importances to plot; the report has no importance figure without them.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public IReadOnlyDictionary<string, double>? Importances { get; init; }

    /// <summary>The reference point of the hypervolume history of a multi-objective study.</summary>
    /// <value>Default <see langword="null"/>: the worst value of each objective over the complete trials, moved outwards by 10% of its range.</value>
    public IReadOnlyList<double>? ReferencePoint { get; init; }

    /// <summary>At most this many parameters (in ordinal order) go into the contour matrix.</summary>
    /// <value>Default 4.</value>
    public int MaxContourParameters { get; init; } = 4;

    /// <summary>At most this many best trials are listed (the Pareto front of a multi-objective study can be large).</summary>
    /// <value>Default 20.</value>
    public int MaxBestTrials { get; init; } = 20;

    /// <summary>The clock for the end of running trials and the report's date.</summary>
    /// <value>Default <see langword="null"/>: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; init; }
}
