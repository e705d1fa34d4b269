namespace Attune.Visualization;

/// <summary>The rank plot.</summary>
public static partial class Plots
{
    /// <summary>
    /// The complete trials over pairs of parameters, coloured by the rank of their objective (blue best,
    /// red worst): for one parameter, the parameter against the objective; for two, one panel; for more, a
    /// matrix of panels with a blank diagonal, as in <see cref="Contour"/>.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="parameters">The parameters; default every parameter, in ordinal order.</param>
    /// <param name="target">The value to rank; default the study's objective (required for a multi-objective study).</param>
    /// <param name="targetName">The name of the value; default <c>Objective Value</c>.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentException">The study has no parameter, a requested parameter is not in it, or it has several objectives and no target was given.</exception>
    public static Figure Rank(
        Study study, IReadOnlyList<string>? parameters = null, Func<TrialRecord, double>? target = null, string targetName = Targets.DefaultName)
    {
        var value = Targets.Resolve(study, target, "rank plot");
        var complete = Targets.Complete(study.Trials, value);
        var names = ParamScale.Select(complete, parameters);
        if (names.Count == 0)
        {
            throw new ArgumentException("A rank plot needs at least one parameter, but the study's complete trials have none.", nameof(parameters));
        }

        var minimize = Targets.Minimizing(study, target);
        var ranks = RankFractions(complete.Select(value).ToArray(), minimize);
        var scales = names.Select(n => ParamScale.For(n, complete)).ToList();
        var hovers = complete.Select(t => Targets.Hover(t, value(t))).ToArray();
        var panels = new List<Panel>();
        if (names.Count == 1)
        {
            panels.Add(RankPanel(scales[0], null, complete, hovers, value, ranks, targetName, true));
        }
        else if (names.Count == 2)
        {
            panels.Add(RankPanel(scales[0], scales[1], complete, hovers, value, ranks, targetName, true));
        }
        else
        {
            var first = true;
            foreach (var y in scales)
            {
                foreach (var x in scales)
                {
                    panels.Add(ReferenceEquals(x, y) ? Panel.Blank() : RankPanel(x, y, complete, hovers, value, ranks, targetName, first));
                    first &= ReferenceEquals(x, y);
                }
            }
        }

        return new Figure("rank", "Rank Plot", panels) { Columns = names.Count <= 2 ? 1 : names.Count, ShowLegend = false };
    }

    /// <summary>Each value's rank scaled to [0, 1]: 0 for the best, 1 for the worst; ties share the lower rank.</summary>
    internal static double[] RankFractions(double[] values, bool minimize)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(order, (a, b) => minimize ? values[a].CompareTo(values[b]) : values[b].CompareTo(values[a]));
        var result = new double[values.Length];
        var denominator = Math.Max(1, values.Length - 1);
        for (var r = 0; r < order.Length; r++)
        {
            var rank = r > 0 && values[order[r]] == values[order[r - 1]] ? result[order[r - 1]] * denominator : r;
            result[order[r]] = rank / denominator;
        }

        return result;
    }

    private static Panel RankPanel(
        ParamScale x, ParamScale? y, List<TrialRecord> complete, string[] hovers, Func<TrialRecord, double> value, double[] ranks, string targetName, bool showScale)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var colors = new List<double>();
        var hover = new List<string>();
        for (var k = 0; k < complete.Count; k++)
        {
            var px = x.ValueOf(complete[k]);
            var py = y is null ? value(complete[k]) : y.ValueOf(complete[k]);
            if (double.IsFinite(px) && double.IsFinite(py))
            {
                xs.Add(px);
                ys.Add(py);
                colors.Add(ranks[k]);
                hover.Add(hovers[k]);
            }
        }

        var series = new ScatterSeries("Trial", xs, ys)
        {
            ColorValues = colors,
            ColorScale = ColorScale.RedYellowBlue,
            ColorTitle = showScale ? "Rank" : null,
            HoverText = hover,
            ShowInLegend = false,
        };
        return new Panel(x.ToAxis(), y?.ToAxis() ?? new Axis(targetName), [series]);
    }
}
