namespace Attune.Pruners;

/// <summary>
/// The rule behind the median and percentile pruners (Optuna's): at a pruning step, prune when the
/// trial's best intermediate value so far is worse than the given percentile of the values that
/// completed trials reported at the same step.
/// </summary>
internal sealed class PercentileRule
{
    private readonly double percentile;
    private readonly int startupTrials;
    private readonly int warmupSteps;
    private readonly int intervalSteps;
    private readonly int minTrials;

    public PercentileRule(double percentile, int startupTrials, int warmupSteps, int intervalSteps, int minTrials)
    {
        if (!(percentile is >= 0 and <= 100))
        {
            throw new ArgumentException($"Percentile must be in [0, 100], but got {percentile}.", nameof(percentile));
        }

        if (startupTrials < 0)
        {
            throw new ArgumentException($"StartupTrials must be >= 0, but got {startupTrials}.", nameof(startupTrials));
        }

        PruningSteps.Validate(warmupSteps, intervalSteps);
        if (minTrials < 1)
        {
            throw new ArgumentException($"MinTrials must be >= 1, but got {minTrials}.", nameof(minTrials));
        }

        this.percentile = percentile;
        this.startupTrials = startupTrials;
        this.warmupSteps = warmupSteps;
        this.intervalSteps = intervalSteps;
        this.minTrials = minTrials;
    }

    public bool ShouldPrune(Study study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not { } step || !PruningSteps.IsPruningStep(step, trial.IntermediateValues.Keys, warmupSteps, intervalSteps))
        {
            return false;
        }

        var completed = 0;
        var reported = 0;
        var atStep = new List<double>();
        foreach (var other in study.Trials)
        {
            if (other.State != TrialState.Complete)
            {
                continue;
            }

            completed++;
            if (other.IntermediateValues.TryGetValue(step, out var v))
            {
                reported++;
                if (!double.IsNaN(v))
                {
                    atStep.Add(v);
                }
            }
        }

        if (completed == 0 || completed < startupTrials)
        {
            return false;
        }

        var maximize = study.Direction == StudyDirection.Maximize;
        var best = double.NaN;
        foreach (var value in trial.IntermediateValues.Values)
        {
            if (!double.IsNaN(value) && (double.IsNaN(best) || (maximize ? value > best : value < best)))
            {
                best = value;
            }
        }

        if (double.IsNaN(best))
        {
            return true;
        }

        // As numpy's nanpercentile: NaN values count towards MinTrials but not towards the percentile.
        if (reported < minTrials || atStep.Count == 0)
        {
            return false;
        }

        var threshold = Percentile(atStep, maximize ? 100 - percentile : percentile);
        return maximize ? best < threshold : best > threshold;
    }

    /// <summary>The <paramref name="q"/>-th percentile with linear interpolation between order statistics (NumPy's default).</summary>
    internal static double Percentile(List<double> values, double q)
    {
        values.Sort();
        var position = q / 100 * (values.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, values.Count - 1);
        var fraction = position - lower;
        return values[lower] + ((values[upper] - values[lower]) * fraction);
    }
}
