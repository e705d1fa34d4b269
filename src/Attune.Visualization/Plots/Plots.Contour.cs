namespace Attune.Visualization;

/// <summary>The contour plot.</summary>
public static partial class Plots
{
    /// <summary>
    /// The objective over pairs of parameters: for two parameters one panel, for more a matrix of panels
    /// (row parameter on the vertical axis, column parameter on the horizontal axis, the diagonal blank).
    /// Each panel holds a filled contour of the objective interpolated onto a grid from the complete trials
    /// (nearest-neighbour) and the trials themselves as points.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="parameters">The parameters, at least two; default every parameter, in ordinal order.</param>
    /// <param name="target">The value to plot; default the study's objective (required for a multi-objective study).</param>
    /// <param name="targetName">The name of the value; default <c>Objective Value</c>.</param>
    /// <returns>The figure: panels with a <see cref="ContourSeries"/> and a <c>Trial</c> <see cref="ScatterSeries"/> each.</returns>
    /// <exception cref="ArgumentException">Fewer than two parameters, a requested parameter is not in the study, or the study has several objectives and no target was given.</exception>
    public static Figure Contour(
        Study study, IReadOnlyList<string>? parameters = null, Func<TrialRecord, double>? target = null, string targetName = Targets.DefaultName)
    {
        var value = Targets.Resolve(study, target, "contour plot");
        var complete = Targets.Complete(study.Trials, value);
        var names = ParamScale.Select(complete, parameters);
        if (names.Count < 2)
        {
            throw new ArgumentException(
                $"A contour plot needs at least two parameters, but the study's complete trials have {names.Count}.", nameof(parameters));
        }

        var scales = names.Select(n => ParamScale.For(n, complete)).ToList();
        var hovers = complete.Select(t => Targets.Hover(t, value(t))).ToArray();
        var reverse = Targets.Minimizing(study, target);
        var panels = new List<Panel>();
        var first = true;
        if (names.Count == 2)
        {
            panels.Add(ContourPanel(scales[0], scales[1], complete, hovers, value, targetName, reverse, showScale: true));
        }
        else
        {
            foreach (var yScale in scales)
            {
                foreach (var xScale in scales)
                {
                    if (ReferenceEquals(xScale, yScale))
                    {
                        panels.Add(Panel.Blank());
                        continue;
                    }

                    panels.Add(ContourPanel(xScale, yScale, complete, hovers, value, targetName, reverse, showScale: first));
                    first = false;
                }
            }
        }

        return new Figure("contour", "Contour Plot", panels) { Columns = names.Count == 2 ? 1 : names.Count, ShowLegend = false };
    }

    private static Panel ContourPanel(
        ParamScale xScale, ParamScale yScale, List<TrialRecord> complete, string[] hovers, Func<TrialRecord, double> value, string targetName, bool reverse, bool showScale)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var zs = new List<double>();
        var hover = new List<string>();
        for (var k = 0; k < complete.Count; k++)
        {
            var trial = complete[k];
            var (x, y) = (xScale.ValueOf(trial), yScale.ValueOf(trial));
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                xs.Add(x);
                ys.Add(y);
                zs.Add(value(trial));
                hover.Add(hovers[k]);
            }
        }

        var series = new List<Series>();
        if (xs.Count > 0)
        {
            var gx = ContourGrid.Axis(xScale, xs);
            var gy = ContourGrid.Axis(yScale, ys);
            var z = ContourGrid.Interpolate(gx, gy, xScale.Log, yScale.Log, xs, ys, zs);
            series.Add(new ContourSeries(targetName, gx, gy, z)
            {
                ReverseScale = reverse,
                ColorTitle = showScale ? targetName : null,
                ShowInLegend = false,
            });
            series.Add(new ScatterSeries("Trial", xs, ys) { Color = Palette.Black, MarkerSize = 4, HoverText = hover, ShowInLegend = false });
        }

        return new Panel(xScale.ToAxis(), yScale.ToAxis(), series);
    }
}
