namespace Attune.Pruners;

/// <summary>Options of <see cref="ThresholdPruner"/>.</summary>
public sealed record ThresholdPrunerOptions
{
    /// <summary>A trial whose latest intermediate value is below this is pruned.</summary>
    /// <value>Default <see cref="double.NegativeInfinity"/> (no lower bound).</value>
    public double Lower { get; init; } = double.NegativeInfinity;

    /// <summary>A trial whose latest intermediate value is above this is pruned.</summary>
    /// <value>Default <see cref="double.PositiveInfinity"/> (no upper bound).</value>
    public double Upper { get; init; } = double.PositiveInfinity;

    /// <summary>A trial is not pruned before it reaches this step.</summary>
    /// <value>Default 0.</value>
    public int WarmupSteps { get; init; }

    /// <summary>Pruning is checked every this many steps after the warm-up.</summary>
    /// <value>Default 1.</value>
    public int IntervalSteps { get; init; } = 1;
}
