namespace Attune.Pruners;

/// <summary>Options of <see cref="SuccessiveHalvingPruner"/>.</summary>
public sealed record SuccessiveHalvingPrunerOptions
{
    /// <summary>
    /// The resource (steps) of the first rung, r in the ASHA paper: rung k sits at step
    /// MinResource·ReductionFactor^(MinEarlyStoppingRate + k). <see langword="null"/> means auto: once
    /// the first trial completes, max(its last step / 100, 1) with integer division (Optuna's
    /// heuristic); no trial is pruned before that.
    /// </summary>
    /// <value>Default <see langword="null"/> (auto).</value>
    public int? MinResource { get; init; }

    /// <summary>η: a trial is promoted past a rung when it is in the best 1/η of the trials that reached the rung; rungs are η times apart.</summary>
    /// <value>Default 4 (Optuna's).</value>
    public int ReductionFactor { get; init; } = 4;

    /// <summary>s in the ASHA paper: the first rung is at MinResource·η^s, so larger values prune later.</summary>
    /// <value>Default 0.</value>
    public int MinEarlyStoppingRate { get; init; }

    /// <summary>
    /// The least number of trials that must have reached a rung (this one included) before any trial is
    /// promoted past it; trials that reach a rung earlier are pruned there. Requires an explicit
    /// <see cref="MinResource"/>.
    /// </summary>
    /// <value>Default 0.</value>
    public int BootstrapCount { get; init; }
}
