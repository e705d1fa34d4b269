using System.Globalization;

namespace Attune.Visualization;

/// <summary>The parallel coordinate plot.</summary>
public static partial class Plots
{
    /// <summary>
    /// One line per complete trial across an axis for the objective and one per parameter, coloured by the
    /// objective (darker is better). Log parameters are drawn on a log10 axis labelled with the values,
    /// categorical ones on an axis labelled with their choices. Trials lacking a plotted parameter are left out.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="parameters">The parameters to plot, in order; default every parameter, in ordinal order.</param>
    /// <param name="target">The value to plot; default the study's objective (required for a multi-objective study).</param>
    /// <param name="targetName">The name of the value; default <c>Objective Value</c>.</param>
    /// <returns>The figure: one panel with one <see cref="ParallelCoordinatesSeries"/> (none when no trial qualifies).</returns>
    /// <exception cref="ArgumentException">A requested parameter is not in the study, or the study has several objectives and no target was given.</exception>
    public static Figure ParallelCoordinate(
        Study study, IReadOnlyList<string>? parameters = null, Func<TrialRecord, double>? target = null, string targetName = Targets.DefaultName)
    {
        var value = Targets.Resolve(study, target, "parallel coordinate plot");
        var complete = Targets.Complete(study.Trials, value);
        var names = ParamScale.Select(complete, parameters);
        var scales = names.Select(n => ParamScale.For(n, complete)).ToList();
        var trials = complete.Where(t => names.All(t.Params.ContainsKey)).ToList();
        var series = new List<Series>();
        if (trials.Count > 0)
        {
            var objective = trials.Select(value).ToArray();
            var dimensions = new List<ParallelDimension> { Dimension(targetName, objective, null) };
            foreach (var scale in scales)
            {
                dimensions.Add(Dimension(scale.Name, [.. trials.Select(scale.ValueOf)], scale));
            }

            series.Add(new ParallelCoordinatesSeries(targetName, dimensions, objective)
            {
                ReverseScale = Targets.Minimizing(study, target),
                ColorTitle = targetName,
                ShowInLegend = false,
            });
        }

        var panel = new Panel(new Axis(string.Empty), new Axis(string.Empty), series);
        return new Figure("parallel-coordinate", "Parallel Coordinate Plot", [panel]) { ShowLegend = false };
    }

    private static ParallelDimension Dimension(string label, double[] values, ParamScale? scale)
    {
        if (scale is { IsCategorical: true })
        {
            var count = scale.Categories!.Count;
            return new ParallelDimension(label, values, 0, Math.Max(0, count - 1))
            {
                TickValues = [.. Enumerable.Range(0, count).Select(i => (double)i)],
                TickLabels = scale.Categories,
            };
        }

        if (scale is { Log: true })
        {
            var logs = values.Select(Math.Log10).ToArray();
            var (lo, hi) = (logs.Min(), logs.Max());
            var ticks = new List<double>();
            for (var p = Math.Ceiling(lo); p <= Math.Floor(hi); p++)
            {
                ticks.Add(p);
            }

            if (ticks.Count < 2)
            {
                ticks = [lo, hi];
            }

            return new ParallelDimension(label, logs, lo, hi)
            {
                TickValues = ticks,
                TickLabels = [.. ticks.Select(t => Math.Pow(10, t).ToString("G3", CultureInfo.InvariantCulture))],
            };
        }

        return new ParallelDimension(label, values, values.Min(), values.Max());
    }
}
