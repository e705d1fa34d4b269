namespace Attune.Visualization;

/// <summary>The optimization history.</summary>
public static partial class Plots
{
    /// <summary>
    /// The objective value of every complete trial by trial number, with the best value so far as a step
    /// line. Infeasible trials are drawn in grey and do not count for the best value.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="target">The value to plot; default the study's objective (required for a multi-objective study).</param>
    /// <param name="targetName">The name of the value; default <c>Objective Value</c>.</param>
    /// <returns>The figure: one panel with the series <c>Objective Value</c>, <c>Best Value</c> and, when any, <c>Infeasible Trial</c>.</returns>
    /// <exception cref="ArgumentException">The study has several objectives and no target was given.</exception>
    public static Figure OptimizationHistory(Study study, Func<TrialRecord, double>? target = null, string targetName = Targets.DefaultName)
    {
        var value = Targets.Resolve(study, target, "optimization history");
        var minimize = Targets.Minimizing(study, target);
        var complete = Targets.Complete(study.Trials, value);
        var xs = new List<double>();
        var ys = new List<double>();
        var hover = new List<string>();
        var bestXs = new List<double>();
        var bestYs = new List<double>();
        var infeasibleX = new List<double>();
        var infeasibleY = new List<double>();
        var infeasibleHover = new List<string>();
        var best = double.NaN;
        foreach (var trial in complete)
        {
            var v = value(trial);
            if (!Study.IsFeasible(trial))
            {
                infeasibleX.Add(trial.Number);
                infeasibleY.Add(v);
                infeasibleHover.Add(Targets.Hover(trial, v));
                continue;
            }

            xs.Add(trial.Number);
            ys.Add(v);
            hover.Add(Targets.Hover(trial, v));
            if (double.IsNaN(best) || (minimize ? v < best : v > best))
            {
                best = v;
            }

            bestXs.Add(trial.Number);
            bestYs.Add(best);
        }

        var series = new List<Series>
        {
            new ScatterSeries(targetName, xs, ys) { Color = Palette.Blue, HoverText = hover },
            new ScatterSeries("Best Value", bestXs, bestYs) { Mode = SeriesMode.Steps, Color = Palette.Red },
        };
        if (infeasibleX.Count > 0)
        {
            series.Add(new ScatterSeries("Infeasible Trial", infeasibleX, infeasibleY) { Color = Palette.Grey, HoverText = infeasibleHover });
        }

        var panel = new Panel(new Axis("Trial"), new Axis(targetName), series);
        return new Figure("optimization-history", "Optimization History Plot", [panel]);
    }
}
