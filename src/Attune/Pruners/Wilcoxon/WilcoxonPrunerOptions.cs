namespace Attune.Pruners;

/// <summary>Options of <see cref="WilcoxonPruner"/>.</summary>
public sealed record WilcoxonPrunerOptions
{
    /// <summary>
    /// The p-value in [0, 1] below which a trial is pruned: how sure the test must be that the trial
    /// is worse than the best trial. Larger prunes more. Because the test is repeated at every step,
    /// expect about twice this rate of pruning a trial that is in fact as good.
    /// </summary>
    /// <value>Default 0.1.</value>
    public double PThreshold { get; init; } = 0.1;

    /// <summary>No trial is pruned before it shares this many steps with the best trial.</summary>
    /// <value>Default 0.</value>
    public int StartupSteps { get; init; }

    /// <summary>
    /// Whether the normal approximation (used beyond 50 paired steps) is corrected for continuity.
    /// Optuna calls scipy without the correction; set <see langword="false"/> to reproduce its p-values.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ContinuityCorrection { get; init; } = true;
}
