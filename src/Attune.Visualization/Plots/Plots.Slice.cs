namespace Attune.Visualization;

/// <summary>The slice plot.</summary>
public static partial class Plots
{
    /// <summary>The objective against each parameter, one panel per parameter in a row, points coloured by trial number.</summary>
    /// <param name="study">The study.</param>
    /// <param name="parameters">The parameters; default every parameter, in ordinal order.</param>
    /// <param name="target">The value to plot; default the study's objective (required for a multi-objective study).</param>
    /// <param name="targetName">The name of the value; default <c>Objective Value</c>.</param>
    /// <returns>The figure: one panel per parameter with one <see cref="ScatterSeries"/>.</returns>
    /// <exception cref="ArgumentException">A requested parameter is not in the study, or the study has several objectives and no target was given.</exception>
    public static Figure Slice(
        Study study, IReadOnlyList<string>? parameters = null, Func<TrialRecord, double>? target = null, string targetName = Targets.DefaultName)
    {
        var value = Targets.Resolve(study, target, "slice plot");
        var complete = Targets.Complete(study.Trials, value);
        var names = ParamScale.Select(complete, parameters);
        var hovers = complete.ToDictionary(t => t.Number, t => Targets.Hover(t, value(t)));
        var panels = new List<Panel>();
        var first = true;
        foreach (var name in names)
        {
            var scale = ParamScale.For(name, complete);
            var xs = new List<double>();
            var ys = new List<double>();
            var numbers = new List<double>();
            var hover = new List<string>();
            foreach (var trial in complete)
            {
                var x = scale.ValueOf(trial);
                if (double.IsFinite(x))
                {
                    xs.Add(x);
                    ys.Add(value(trial));
                    numbers.Add(trial.Number);
                    hover.Add(hovers[trial.Number]);
                }
            }

            var series = new ScatterSeries(name, xs, ys)
            {
                ColorValues = numbers,
                ColorTitle = first ? "Trial" : null,
                HoverText = hover,
                ShowInLegend = false,
            };
            first = false;
            panels.Add(new Panel(scale.ToAxis(), new Axis(targetName), [series]));
        }

        return new Figure("slice", "Slice Plot", panels) { Columns = Math.Max(1, names.Count), ShowLegend = false };
    }
}
