namespace Attune.Pruners;

/// <summary>Options of <see cref="HyperbandPruner"/>.</summary>
public sealed record HyperbandPrunerOptions
{
    /// <summary>r: the step of the first rung of the most aggressive bracket. Smaller decides sooner, larger decides better.</summary>
    /// <value>Default 1.</value>
    public int MinResource { get; init; } = 1;

    /// <summary>
    /// R: the most steps a trial runs (e.g. the number of epochs). <see langword="null"/> means auto:
    /// the largest last step of the completed trials when the first trial completes, plus one (Optuna's
    /// rule, for steps counted from 0); no trial is pruned before that. Set it when the steps of
    /// trials may differ.
    /// </summary>
    /// <value>Default <see langword="null"/> (auto).</value>
    public int? MaxResource { get; init; }

    /// <summary>η: each bracket is a successive-halving run that keeps the best 1/η at each rung; there are floor(log_η(R/r)) + 1 brackets.</summary>
    /// <value>Default 3.</value>
    public int ReductionFactor { get; init; } = 3;

    /// <summary>
    /// Which trials a model-based sampler (TPE) learns from when it samples a trial; with TPE, this
    /// makes BOHB. <see cref="HyperbandSamplerTrials.Bracket"/> is Optuna's choice,
    /// <see cref="HyperbandSamplerTrials.LargestBudget"/> the BOHB paper's.
    /// </summary>
    /// <value>Default <see cref="HyperbandSamplerTrials.Informative"/>, which halved the final regret of Optuna's TPE + Hyperband on lcbench (docs/pruning.md).</value>
    public HyperbandSamplerTrials SamplerTrials { get; init; } = HyperbandSamplerTrials.Informative;

    /// <summary>The least number of trials at a rung of a bracket before any is promoted (see <see cref="SuccessiveHalvingPrunerOptions.BootstrapCount"/>); requires an explicit <see cref="MaxResource"/>.</summary>
    /// <value>Default 0.</value>
    public int BootstrapCount { get; init; }
}
