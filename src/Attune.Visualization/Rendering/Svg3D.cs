namespace Attune.Visualization;

/// <summary>Draws a 3D scatter panel in a fixed oblique projection, with the three axes from a common origin.</summary>
internal static class Svg3D
{
    public static void Draw(SvgBuilder svg, Box cell, Panel panel)
    {
        var plot = new Box(cell.X + 60, cell.Y + 20, cell.Width - 100, cell.Height - 60);
        var scatter = panel.Series.OfType<ScatterSeries>().ToList();
        var (xLo, xHi) = SvgRenderer.Range(scatter.SelectMany(s => s.X));
        var (yLo, yHi) = SvgRenderer.Range(scatter.SelectMany(s => s.Y));
        var (zLo, zHi) = SvgRenderer.Range(scatter.SelectMany(s => s.Z ?? []));
        static double Unit(double v, double lo, double hi) => hi > lo ? (v - lo) / (hi - lo) : 0.5;
        (double X, double Y) Project(double x, double y, double z)
        {
            var (u, v, w) = (Unit(x, xLo, xHi), Unit(y, yLo, yHi), Unit(z, zLo, zHi));
            return (plot.X + (plot.Width * ((0.7 * u) + (0.3 * w))), plot.Bottom - (plot.Height * ((0.7 * v) + (0.3 * w))));
        }

        var origin = Project(xLo, yLo, zLo);
        foreach (var (end, axis, lo, hi) in new[]
        {
            (Project(xHi, yLo, zLo), panel.X, xLo, xHi),
            (Project(xLo, yHi, zLo), panel.Y, yLo, yHi),
            (Project(xLo, yLo, zHi), panel.Z!, zLo, zHi),
        })
        {
            svg.Line(origin.X, origin.Y, end.X, end.Y, "#444444", 1.5);
            svg.Text(end.X + 6, end.Y - 6, $"{axis.Title} ({AxisScale.Label(lo)} – {AxisScale.Label(hi)})", "start", 11, "class=\"axis-title\"");
        }

        foreach (var s in scatter)
        {
            var (cLo, cHi) = s.ColorValues is { } cv ? SvgRenderer.Range(cv) : (0, 1);
            svg.Open("g", $"class=\"series scatter3d\" data-name=\"{SvgBuilder.Escape(s.Name)}\"");
            for (var i = 0; i < s.X.Count; i++)
            {
                var (px, py) = Project(s.X[i], s.Y[i], s.Z?[i] ?? zLo);
                var fill = s.ColorValues is { } colors ? SvgRenderer.ColorOf(s.ColorScale, s.ReverseScale, colors[i], cLo, cHi) : s.Color;
                svg.Circle(px, py, s.MarkerSize / 2, fill, s.X.Count <= SvgRenderer.MaxTooltips ? s.HoverText?[i] : null);
            }

            svg.Close("g");
        }
    }
}
