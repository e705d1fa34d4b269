namespace Attune.Pruners;

/// <summary>
/// Asynchronous successive halving (ASHA, Li et al. 2020) as in Optuna: rungs sit at steps
/// MinResource·η^(MinEarlyStoppingRate + k); a trial that reaches a rung is promoted (keeps running)
/// when its value there is among the best 1/η of the values of all trials that reached the rung so
/// far, and pruned otherwise. Each trial's rung values are kept in its system attributes
/// <c>completed_rung_K</c>, as Optuna does, so workers in other processes (Optuna's too) share them.
/// </summary>
/// <remarks>
/// <para>Because a trial cannot be paused, the first η − 1 trials at a rung (too few for a top 1/η)
/// are promoted only when they are the best so far, as in Optuna.</para>
/// <para>In a study with several directions, trials report a vector per step
/// (<see cref="Trial.Report(IReadOnlyList{double}, long)"/>) and a rung is ranked by non-domination
/// rank, then by crowding distance within a front (larger first, boundary points first): a trial is
/// promoted when it ranks at least as well as the trial in position max(n/η, 1) of that order.</para>
/// </remarks>
public sealed class SuccessiveHalvingPruner : Pruner
{
    private readonly SuccessiveHalvingRule rule;

    /// <summary>Creates a pruner with the defaults of <see cref="SuccessiveHalvingPrunerOptions"/>.</summary>
    public SuccessiveHalvingPruner()
        : this(new SuccessiveHalvingPrunerOptions())
    {
    }

    /// <summary>Creates a pruner.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException"><see cref="SuccessiveHalvingPrunerOptions.MinResource"/> is below 1,
    /// <see cref="SuccessiveHalvingPrunerOptions.ReductionFactor"/> below 2, a count is negative, or
    /// <see cref="SuccessiveHalvingPrunerOptions.BootstrapCount"/> is positive with an automatic minimum resource.</exception>
    public SuccessiveHalvingPruner(SuccessiveHalvingPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        rule = new SuccessiveHalvingRule(options.MinResource, options.ReductionFactor, options.MinEarlyStoppingRate, options.BootstrapCount);
    }

    /// <summary>The options in force.</summary>
    public SuccessiveHalvingPrunerOptions Options { get; }

    /// <inheritdoc/>
    /// <value>Always <see langword="true"/>.</value>
    public override bool SupportsMultiObjective => true;

    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        return rule.ShouldPrune(study, trial, () => study.Trials);
    }
}
