namespace Attune.Pruners;

/// <summary>
/// Prunes a trial when a Wilcoxon signed-rank test says it is worse than the best trial (Optuna v4's
/// <c>WilcoxonPruner</c>). Meant for objectives that aggregate many independent evaluations (a mean
/// over data sets, folds, problem instances): report each instance's value with its instance id as
/// the step, in any (preferably shuffled) order, and the pruner pairs the trial's values with the
/// best trial's values at the same steps.
/// </summary>
/// <remarks>
/// <para>Rules, as Optuna's: no pruning without intermediate values, while any value of the trial or
/// of the best trial is NaN or infinite, when the best trial has no intermediate values, or with fewer
/// than <see cref="WilcoxonPrunerOptions.StartupSteps"/> shared steps. The test's alternative is that
/// the trial's values are worse (greater when minimizing, less when maximizing); the trial is pruned
/// when p &lt; <see cref="WilcoxonPrunerOptions.PThreshold"/>, unless the mean of its values is at
/// least as good as the mean of the best trial's (a safety rule).</para>
/// <para>Difference from Optuna: up to 50 paired steps the p-value is exact also with tied or zero
/// differences (the exact conditional distribution over the tied ranks), where scipy 1.10 truncates
/// or approximates; beyond 50 the normal approximation has a continuity correction by default
/// (<see cref="WilcoxonPrunerOptions.ContinuityCorrection"/>).</para>
/// </remarks>
public sealed class WilcoxonPruner : Pruner
{
    /// <summary>Creates a pruner with the defaults of <see cref="WilcoxonPrunerOptions"/>.</summary>
    public WilcoxonPruner()
        : this(new WilcoxonPrunerOptions())
    {
    }

    /// <summary>Creates a pruner.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException"><see cref="WilcoxonPrunerOptions.PThreshold"/> is outside [0, 1], or <see cref="WilcoxonPrunerOptions.StartupSteps"/> is negative.</exception>
    public WilcoxonPruner(WilcoxonPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.PThreshold is >= 0 and <= 1))
        {
            throw new ArgumentException($"PThreshold must be in [0, 1], but got {options.PThreshold}.", nameof(options));
        }

        if (options.StartupSteps < 0)
        {
            throw new ArgumentException($"StartupSteps must be >= 0, but got {options.StartupSteps}.", nameof(options));
        }

        Options = options;
    }

    /// <summary>The options in force.</summary>
    public WilcoxonPrunerOptions Options { get; }

    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var values = trial.IntermediateValues;
        if (values.Count == 0 || !AllFinite(values))
        {
            return false;
        }

        var direction = study.Direction;
        var best = Study.FindBest(study.Trials, direction);
        if (best is null || best.IntermediateValues.Count == 0 || !AllFinite(best.IntermediateValues))
        {
            return false;
        }

        var differences = new List<double>(values.Count);
        foreach (var (step, value) in values)
        {
            if (best.IntermediateValues.TryGetValue(step, out var bestValue))
            {
                differences.Add(value - bestValue);
            }
        }

        if (differences.Count == 0 || differences.Count < Options.StartupSteps)
        {
            return false;
        }

        var maximize = direction == StudyDirection.Maximize;
        var p = WilcoxonSignedRankTest.PValue(
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(differences), greater: !maximize, Options.ContinuityCorrection);
        if (!(p < Options.PThreshold))
        {
            return false;
        }

        var trialMean = values.Values.Average();
        var bestMean = best.IntermediateValues.Values.Average();
        var averageIsBest = maximize ? bestMean <= trialMean : bestMean >= trialMean;
        return !averageIsBest;
    }

    private static bool AllFinite(IReadOnlyDictionary<long, double> values)
    {
        foreach (var value in values.Values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
