namespace Attune.Pruners;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than a percentile of the values that
/// completed trials reported at the same step (Optuna's <c>PercentilePruner</c>);
/// <see cref="MedianPruner"/> is its 50th percentile. Checked at the steps warm-up + k·interval.
/// </summary>
public sealed class PercentilePruner : Pruner
{
    private readonly PercentileRule rule;

    /// <summary>Creates a pruner with the defaults of <see cref="PercentilePrunerOptions"/> (the median).</summary>
    public PercentilePruner()
        : this(new PercentilePrunerOptions())
    {
    }

    /// <summary>Creates a pruner.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException"><see cref="PercentilePrunerOptions.Percentile"/> is outside [0, 100], a count is negative,
    /// or <see cref="PercentilePrunerOptions.IntervalSteps"/> or <see cref="PercentilePrunerOptions.MinTrials"/> is below 1.</exception>
    public PercentilePruner(PercentilePrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        rule = new PercentileRule(options.Percentile, options.StartupTrials, options.WarmupSteps, options.IntervalSteps, options.MinTrials);
    }

    /// <summary>The options in force.</summary>
    public PercentilePrunerOptions Options { get; }

    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial) => rule.ShouldPrune(study, trial);
}
