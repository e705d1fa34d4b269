namespace Attune.Pruners;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than the median of the values that
/// completed trials reported at the same step. The default pruner.
/// </summary>
public sealed class MedianPruner : Pruner
{
    private readonly PercentileRule rule;

    /// <summary>Creates a pruner with the defaults of <see cref="MedianPrunerOptions"/>.</summary>
    public MedianPruner()
        : this(new MedianPrunerOptions())
    {
    }

    /// <summary>Creates a pruner.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">An option is negative, or <see cref="MedianPrunerOptions.IntervalSteps"/> or <see cref="MedianPrunerOptions.MinTrials"/> is below 1.</exception>
    public MedianPruner(MedianPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        rule = new PercentileRule(50, options.StartupTrials, options.WarmupSteps, options.IntervalSteps, options.MinTrials);
    }

    /// <summary>The options in force.</summary>
    public MedianPrunerOptions Options { get; }

    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial) => rule.ShouldPrune(study, trial);
}
