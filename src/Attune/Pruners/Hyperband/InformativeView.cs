namespace Attune.Pruners;

/// <summary>
/// The trials a model-based sampler learns from under <see cref="HyperbandSamplerTrials.Informative"/>:
/// complete and running trials as they are, and pruned trials only when the step they were pruned at
/// predicts the final ranking, judged on the completed trials' own curves (Spearman's ρ between their
/// values at that step and their final values, the least over objectives, at least
/// <see cref="MinCorrelation"/>). A pruned trial is left out only on that evidence: until
/// <see cref="MinCompleted"/> trials have completed, every pruned trial is kept (Optuna's view).
/// </summary>
internal static class InformativeView
{
    /// <summary>The least rank correlation for a step to count as informative.</summary>
    public const double MinCorrelation = 0.5;

    /// <summary>The completed trials needed to judge a step.</summary>
    public const int MinCompleted = 5;

    public static List<TrialRecord> Of(IReadOnlyList<TrialRecord> trials, int objectives)
    {
        var completed = new List<TrialRecord>();
        foreach (var trial in trials)
        {
            if (trial is { State: TrialState.Complete, Values: { } values } && values.Count == objectives)
            {
                completed.Add(trial);
            }
        }

        var informative = new Dictionary<long, bool>();
        var view = new List<TrialRecord>(trials.Count);
        foreach (var trial in trials)
        {
            switch (trial.State)
            {
                case TrialState.Complete or TrialState.Running:
                    view.Add(trial);
                    break;
                case TrialState.Pruned when trial.LastStep is { } step:
                    if (!informative.TryGetValue(step, out var keep))
                    {
                        informative[step] = keep = completed.Count < MinCompleted || !(Correlation(completed, step, objectives) < MinCorrelation);
                    }

                    if (keep)
                    {
                        view.Add(trial);
                    }

                    break;
            }
        }

        return view;
    }

    /// <summary>The least over objectives of Spearman's ρ between the completed trials' values at (or last before) <paramref name="step"/> and their final values.</summary>
    public static double Correlation(List<TrialRecord> completed, long step, int objectives)
    {
        var least = double.PositiveInfinity;
        for (var k = 0; k < objectives; k++)
        {
            var atStep = new List<double>(completed.Count);
            var final = new List<double>(completed.Count);
            foreach (var trial in completed)
            {
                if (ValueAt(trial, step, k) is { } value && !double.IsNaN(value))
                {
                    atStep.Add(value);
                    final.Add(trial.Values![k]);
                }
            }

            var rho = RankCorrelation.Spearman(atStep, final);
            least = double.IsNaN(rho) ? double.NaN : Math.Min(least, rho);
            if (double.IsNaN(least))
            {
                return double.NaN;
            }
        }

        return least;
    }

    private static double? ValueAt(TrialRecord trial, long step, int objective)
    {
        long? at = null;
        foreach (var s in trial.IntermediateValues.Keys)
        {
            if (s <= step && (at is null || s > at))
            {
                at = s;
            }
        }

        return at is { } found && trial.GetIntermediateValues(found) is { } values && values.Count > objective ? values[objective] : null;
    }
}
