namespace Attune.Visualization;

/// <summary>The empirical distribution function plot.</summary>
public static partial class Plots
{
    /// <summary>
    /// The empirical distribution function of the objective values of the complete trials: the fraction
    /// of trials with a value at most x, as a step line per study (to compare studies).
    /// </summary>
    /// <param name="studies">The studies, one line each (named after the study).</param>
    /// <param name="target">The value to plot; default each study's objective (required for multi-objective studies).</param>
    /// <param name="targetName">The name of the value; default <c>Objective Value</c>.</param>
    /// <returns>The figure: one panel with one step <see cref="ScatterSeries"/> per study.</returns>
    /// <exception cref="ArgumentException">No study is given, or a study has several objectives and no target was given.</exception>
    public static Figure Edf(IReadOnlyList<Study> studies, Func<TrialRecord, double>? target = null, string targetName = Targets.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(studies);
        if (studies.Count == 0)
        {
            throw new ArgumentException("The empirical distribution function needs at least one study.", nameof(studies));
        }

        var palette = new[] { Palette.Blue, Palette.Orange, Palette.Green, Palette.Red, Palette.Purple };
        var series = new List<Series>();
        for (var s = 0; s < studies.Count; s++)
        {
            var value = Targets.Resolve(studies[s], target, "empirical distribution function");
            var values = Targets.Complete(studies[s].Trials, value).Select(value).ToArray();
            Array.Sort(values);
            var ys = new double[values.Length];
            for (var i = 0; i < ys.Length; i++)
            {
                ys[i] = (i + 1.0) / ys.Length;
            }

            series.Add(new ScatterSeries(studies[s].Name, values, ys) { Mode = SeriesMode.Steps, Color = palette[s % palette.Length] });
        }

        var panel = new Panel(new Axis(targetName), new Axis("Cumulative Probability") { Min = 0, Max = 1 }, series);
        return new Figure("edf", "Empirical Distribution Function Plot", [panel]);
    }

    /// <summary>The empirical distribution function of one study; see <see cref="Edf(IReadOnlyList{Study}, Func{TrialRecord, double}?, string)"/>.</summary>
    /// <param name="study">The study.</param>
    /// <param name="target">The value to plot; default the study's objective.</param>
    /// <param name="targetName">The name of the value; default <c>Objective Value</c>.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentException">The study has several objectives and no target was given.</exception>
    public static Figure Edf(Study study, Func<TrialRecord, double>? target = null, string targetName = Targets.DefaultName) =>
        Edf([study], target, targetName);
}
