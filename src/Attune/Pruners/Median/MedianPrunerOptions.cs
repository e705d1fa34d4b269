namespace Attune.Pruners;

/// <summary>Options of <see cref="MedianPruner"/>.</summary>
public sealed record MedianPrunerOptions
{
    /// <summary>No trial is pruned until this many trials of the study have completed.</summary>
    /// <value>Default 5.</value>
    public int StartupTrials { get; init; } = 5;

    /// <summary>A trial is not pruned before it reaches this step.</summary>
    /// <value>Default 0.</value>
    public int WarmupSteps { get; init; }

    /// <summary>Pruning is checked every this many steps after the warm-up.</summary>
    /// <value>Default 1.</value>
    public int IntervalSteps { get; init; } = 1;

    /// <summary>The least number of trials that must have reported the current step before a trial can be pruned at it.</summary>
    /// <value>Default 1.</value>
    public int MinTrials { get; init; } = 1;
}
