using System.Text;

namespace Attune.Visualization;

/// <summary>Draws a parallel coordinate panel: a vertical axis per dimension and a polyline per trial.</summary>
internal static class SvgParallel
{
    public static void Draw(SvgBuilder svg, Box cell, ParallelCoordinatesSeries series)
    {
        var plot = new Box(cell.X + 50, cell.Y + 40, cell.Width - 100, cell.Height - 70);
        var count = series.Dimensions.Count;
        var step = count > 1 ? plot.Width / (count - 1) : 0;
        var (lo, hi) = SvgRenderer.Range(series.ColorValues);
        double Y(ParallelDimension d, double v) => d.Max > d.Min ? plot.Bottom - ((v - d.Min) / (d.Max - d.Min) * plot.Height) : plot.Y + (plot.Height / 2);

        svg.Open("g", $"class=\"series parcoords\" data-name=\"{SvgBuilder.Escape(series.Name)}\"");
        var lines = series.ColorValues.Count;
        for (var i = 0; i < lines; i++)
        {
            var path = new StringBuilder();
            for (var d = 0; d < count; d++)
            {
                var dimension = series.Dimensions[d];
                path.Append(d == 0 ? 'M' : 'L').Append(SvgBuilder.N(plot.X + (d * step))).Append(',').Append(SvgBuilder.N(Y(dimension, dimension.Values[i])));
            }

            svg.Path(path.ToString(), SvgRenderer.ColorOf(series.ColorScale, series.ReverseScale, series.ColorValues[i], lo, hi), 1, "stroke-opacity=\"0.6\"");
        }

        svg.Close("g");
        for (var d = 0; d < count; d++)
        {
            var dimension = series.Dimensions[d];
            var x = plot.X + (d * step);
            svg.Line(x, plot.Y, x, plot.Bottom, "#444444", 1.5);
            svg.Text(x, plot.Y - 14, dimension.Label, "middle", 12, "class=\"axis-title\"");
            var ticks = dimension.TickValues is { } tv
                ? tv.Select((v, k) => (v, dimension.TickLabels?[k] ?? AxisScale.Label(v))).ToList()
                : AxisScale.Nice(dimension.Min, dimension.Max, 4).Select(v => (v, AxisScale.Label(v))).ToList();
            foreach (var (value, label) in ticks)
            {
                var y = Y(dimension, value);
                svg.Line(x - 4, y, x, y, "#444444", 1);
                svg.Text(x - 6, y + 4, label, "end", 10);
            }
        }
    }
}
