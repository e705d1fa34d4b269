namespace Attune.Pruners;

/// <summary>Options of <see cref="PercentilePruner"/>.</summary>
public sealed record PercentilePrunerOptions
{
    /// <summary>
    /// The percentile in [0, 100] of the completed trials' values at the same step that a trial's best
    /// value must not be worse than: 25 keeps trials in the best quarter, 50 is the median. Lower is
    /// more aggressive.
    /// </summary>
    /// <value>Default 50 (the median).</value>
    public double Percentile { get; init; } = 50;

    /// <summary>No trial is pruned until this many trials of the study have completed.</summary>
    /// <value>Default 5.</value>
    public int StartupTrials { get; init; } = 5;

    /// <summary>A trial is not pruned before it reaches this step.</summary>
    /// <value>Default 0.</value>
    public int WarmupSteps { get; init; }

    /// <summary>Pruning is checked every this many steps after the warm-up.</summary>
    /// <value>Default 1.</value>
    public int IntervalSteps { get; init; } = 1;

    /// <summary>The least number of completed trials that must have reported the current step before a trial can be pruned at it.</summary>
    /// <value>Default 1.</value>
    public int MinTrials { get; init; } = 1;
}
