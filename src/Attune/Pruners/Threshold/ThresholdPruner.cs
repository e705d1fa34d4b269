namespace Attune.Pruners;

/// <summary>
/// Prunes a trial whose latest intermediate value leaves [<see cref="ThresholdPrunerOptions.Lower"/>,
/// <see cref="ThresholdPrunerOptions.Upper"/>] or is NaN (Optuna's <c>ThresholdPruner</c>): a guard
/// against diverging runs that needs no other trial. Checked at the steps warm-up + k·interval.
/// </summary>
/// <remarks>
/// Optuna requires a lower or an upper bound; here both default to infinite, so that
/// <c>new ThresholdPruner()</c> prunes exactly the trials that report NaN.
/// </remarks>
public sealed class ThresholdPruner : Pruner
{
    /// <summary>Creates a pruner with the defaults of <see cref="ThresholdPrunerOptions"/> (prunes NaN only).</summary>
    public ThresholdPruner()
        : this(new ThresholdPrunerOptions())
    {
    }

    /// <summary>Creates a pruner.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">A bound is NaN, <see cref="ThresholdPrunerOptions.Lower"/> exceeds <see cref="ThresholdPrunerOptions.Upper"/>,
    /// <see cref="ThresholdPrunerOptions.WarmupSteps"/> is negative or <see cref="ThresholdPrunerOptions.IntervalSteps"/> below 1.</exception>
    public ThresholdPruner(ThresholdPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (double.IsNaN(options.Lower) || double.IsNaN(options.Upper))
        {
            throw new ArgumentException($"Lower and Upper must be numbers (infinity for no bound), but got Lower {options.Lower} and Upper {options.Upper}.", nameof(options));
        }

        if (options.Lower > options.Upper)
        {
            throw new ArgumentException($"Lower must be <= Upper, but got Lower {options.Lower} and Upper {options.Upper}.", nameof(options));
        }

        PruningSteps.Validate(options.WarmupSteps, options.IntervalSteps);
        Options = options;
    }

    /// <summary>The options in force.</summary>
    public ThresholdPrunerOptions Options { get; }

    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not { } step
            || !PruningSteps.IsPruningStep(step, trial.IntermediateValues.Keys, Options.WarmupSteps, Options.IntervalSteps))
        {
            return false;
        }

        var latest = trial.IntermediateValues[step];
        return double.IsNaN(latest) || latest < Options.Lower || latest > Options.Upper;
    }
}
