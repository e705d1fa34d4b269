namespace Attune.Pruners;

/// <summary>
/// BOHB's view of a Hyperband study for a model-based sampler: the trials that reached the largest
/// budget with enough observations, each shown as a complete trial whose values are those it
/// reported at (or last before) that budget.
/// </summary>
internal static class BudgetView
{
    /// <summary>The least number of observations for a budget to be modelled, whatever the dimension.</summary>
    public const int MinimumObservations = 10;

    /// <summary>The view.</summary>
    /// <param name="trials">The study's trials.</param>
    /// <param name="budgets">The rung steps, ascending; completion is the budget above them all.</param>
    public static List<TrialRecord> Of(IReadOnlyList<TrialRecord> trials, IReadOnlyList<long> budgets)
    {
        var dimension = 0;
        var complete = new List<TrialRecord>();
        foreach (var trial in trials)
        {
            dimension = Math.Max(dimension, trial.Distributions.Count);
            if (trial is { State: TrialState.Complete, Values: not null })
            {
                complete.Add(trial);
            }
        }

        var needed = Math.Max(MinimumObservations, 2 * (dimension + 1));
        if (complete.Count >= needed)
        {
            return complete;
        }

        List<TrialRecord> view = complete;
        for (var i = budgets.Count - 1; i >= 0; i--)
        {
            view = AtBudget(trials, budgets[i]);
            if (view.Count >= needed)
            {
                break;
            }
        }

        return view;
    }

    /// <summary>The trials that reached <paramref name="budget"/>, as complete trials with their values there.</summary>
    private static List<TrialRecord> AtBudget(IReadOnlyList<TrialRecord> trials, long budget)
    {
        var view = new List<TrialRecord>();
        foreach (var trial in trials)
        {
            if (trial.State is not (TrialState.Complete or TrialState.Pruned or TrialState.Running)
                || trial.LastStep is not { } last || last < budget)
            {
                continue;
            }

            long? step = null;
            foreach (var s in trial.IntermediateValues.Keys)
            {
                if (s <= budget && (step is null || s > step))
                {
                    step = s;
                }
            }

            if (step is { } at && trial.GetIntermediateValues(at) is { } values && !values.Any(double.IsNaN))
            {
                view.Add(trial with { State = TrialState.Complete, Values = values.ToArray() });
            }
        }

        return view;
    }
}
