namespace Attune.Visualization;

/// <summary>The intermediate values.</summary>
public static partial class Plots
{
    /// <summary>
    /// The intermediate values every trial reported, by step: one line per trial, gathered into one
    /// series per state (<c>Complete</c>, <c>Pruned</c>, <c>Running</c>, <c>Fail</c>) with breaks between trials,
    /// so a study of many trials stays a handful of series.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <returns>The figure; a panel with no series when no trial reported a value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    public static Figure IntermediateValues(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var byState = new SortedDictionary<TrialState, (List<double> X, List<double> Y, List<string> Hover)>();
        foreach (var trial in study.Trials)
        {
            if (trial.IntermediateValues.Count == 0)
            {
                continue;
            }

            if (!byState.TryGetValue(trial.State, out var lists))
            {
                lists = ([], [], []);
                byState[trial.State] = lists;
            }

            if (lists.X.Count > 0)
            {
                lists.X.Add(double.NaN);
                lists.Y.Add(double.NaN);
                lists.Hover.Add(string.Empty);
            }

            var label = "Trial " + trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (step, value) in trial.IntermediateValues.OrderBy(p => p.Key))
            {
                lists.X.Add(step);
                lists.Y.Add(value);
                lists.Hover.Add(label + "<br>step " + step.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + Targets.Format(value));
            }
        }

        var series = new List<Series>();
        foreach (var (state, lists) in byState)
        {
            series.Add(new ScatterSeries(state.ToString(), lists.X, lists.Y)
            {
                Mode = SeriesMode.LinesAndMarkers,
                Color = Palette.ForState(state),
                HoverText = lists.Hover,
                MarkerSize = 4,
            });
        }

        var panel = new Panel(new Axis("Step"), new Axis("Intermediate Value"), series);
        return new Figure("intermediate-values", "Intermediate Values Plot", [panel]);
    }
}
