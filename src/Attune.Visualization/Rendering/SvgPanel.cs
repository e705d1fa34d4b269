using System.Text;

namespace Attune.Visualization;

/// <summary>Draws a 2D panel: frame, grid, ticks, axis titles, then the series.</summary>
internal static class SvgPanel
{
    public static void Draw(SvgBuilder svg, Box cell, Panel panel, bool compact)
    {
        var (left, bottom, top, right) = compact ? (48.0, 34.0, 16.0, 8.0) : (70.0, 48.0, 20.0, 16.0);
        var plot = new Box(cell.X + left, cell.Y + top, cell.Width - left - right, cell.Height - top - bottom);
        var xs = AxisScale.Fit(panel.X, Values(panel, horizontal: true), plot.X, plot.Right);
        var ys = AxisScale.Fit(panel.Y, Values(panel, horizontal: false), plot.Bottom, plot.Y);
        var fontSize = compact ? 9 : 11;

        svg.Rect(plot.X, plot.Y, plot.Width, plot.Height, "#e5ecf6", "class=\"plot-area\"");
        foreach (var (pixel, label) in xs.Ticks())
        {
            if (pixel >= plot.X - 0.5 && pixel <= plot.Right + 0.5)
            {
                svg.Line(pixel, plot.Y, pixel, plot.Bottom, "#ffffff", 1);
                svg.Text(pixel, plot.Bottom + 14, label, "middle", fontSize);
            }
        }

        foreach (var (pixel, label) in ys.Ticks())
        {
            if (pixel >= plot.Y - 0.5 && pixel <= plot.Bottom + 0.5)
            {
                svg.Line(plot.X, pixel, plot.Right, pixel, "#ffffff", 1);
                svg.Text(plot.X - 5, pixel + 4, label, "end", fontSize);
            }
        }

        svg.Text(plot.X + (plot.Width / 2), plot.Bottom + (compact ? 28 : 36), panel.X.Title, "middle", fontSize + 1, "class=\"axis-title\"");
        var yTitleX = plot.X - (compact ? 36 : 54);
        var yTitleY = plot.Y + (plot.Height / 2);
        svg.Text(yTitleX, yTitleY, panel.Y.Title, "middle", fontSize + 1,
            $"class=\"axis-title\" transform=\"rotate(-90 {SvgBuilder.N(yTitleX)} {SvgBuilder.N(yTitleY)})\"");
        if (panel.Title is { } title)
        {
            svg.Text(plot.X + (plot.Width / 2), plot.Y - 5, title, "middle", fontSize + 1);
        }

        foreach (var series in panel.Series)
        {
            switch (series)
            {
                case ContourSeries c:
                    DrawContour(svg, c, xs, ys, plot);
                    break;
                case BarSeries b:
                    DrawBars(svg, b, xs, ys, fontSize);
                    break;
                case ScatterSeries s:
                    DrawScatter(svg, s, xs, ys);
                    break;
            }
        }
    }

    private static IEnumerable<double> Values(Panel panel, bool horizontal)
    {
        foreach (var series in panel.Series)
        {
            switch (series)
            {
                case ScatterSeries s:
                    foreach (var v in horizontal ? s.X : s.Y)
                    {
                        yield return v;
                    }

                    break;
                case ContourSeries c:
                    foreach (var v in horizontal ? c.X : c.Y)
                    {
                        yield return v;
                    }

                    break;
                case BarSeries b when b.Horizontal == horizontal:
                    for (var i = 0; i < b.Lengths.Count; i++)
                    {
                        var start = b.Base?[i] ?? 0;
                        yield return start;
                        yield return start + b.Lengths[i];
                    }

                    break;
                case BarSeries b:
                    foreach (var p in b.Positions)
                    {
                        yield return p - 0.5;
                        yield return p + 0.5;
                    }

                    break;
            }
        }
    }

    private static void DrawScatter(SvgBuilder svg, ScatterSeries s, AxisScale xs, AxisScale ys)
    {
        svg.Open("g", $"class=\"series scatter\" data-name=\"{SvgBuilder.Escape(s.Name)}\"");
        if (s.Mode != SeriesMode.Markers)
        {
            var path = new StringBuilder();
            var pen = false;
            double lastY = 0;
            for (var i = 0; i < s.X.Count; i++)
            {
                var (px, py) = (xs.Map(s.X[i]), ys.Map(s.Y[i]));
                if (!double.IsFinite(px) || !double.IsFinite(py))
                {
                    pen = false;
                    continue;
                }

                if (pen && s.Mode == SeriesMode.Steps)
                {
                    path.Append('L').Append(SvgBuilder.N(px)).Append(',').Append(SvgBuilder.N(lastY));
                }

                path.Append(pen ? 'L' : 'M').Append(SvgBuilder.N(px)).Append(',').Append(SvgBuilder.N(py));
                pen = true;
                lastY = py;
            }

            if (path.Length > 0)
            {
                svg.Path(path.ToString(), s.Color, 2);
            }
        }

        if (s.Mode is SeriesMode.Markers or SeriesMode.LinesAndMarkers)
        {
            var (lo, hi) = s.ColorValues is { } cv ? SvgRenderer.Range(cv) : (0, 1);
            var titles = s.X.Count <= SvgRenderer.MaxTooltips ? s.HoverText : null;
            for (var i = 0; i < s.X.Count; i++)
            {
                var (px, py) = (xs.Map(s.X[i]), ys.Map(s.Y[i]));
                if (double.IsFinite(px) && double.IsFinite(py))
                {
                    var fill = s.ColorValues is { } colors ? SvgRenderer.ColorOf(s.ColorScale, s.ReverseScale, colors[i], lo, hi) : s.Color;
                    svg.Circle(px, py, s.MarkerSize / 2, fill, titles?[i], s.ColorValues is null ? string.Empty : "stroke=\"#444444\" stroke-width=\"0.5\"");
                }
            }
        }

        svg.Close("g");
    }

    private static void DrawBars(SvgBuilder svg, BarSeries b, AxisScale xs, AxisScale ys, int fontSize)
    {
        svg.Open("g", $"class=\"series bar\" data-name=\"{SvgBuilder.Escape(b.Name)}\"");
        for (var i = 0; i < b.Positions.Count; i++)
        {
            var start = b.Base?[i] ?? 0;
            var end = start + b.Lengths[i];
            var position = b.Positions[i];
            if (b.Horizontal)
            {
                var (x0, x1) = (xs.Map(start), xs.Map(end));
                var (y0, y1) = (ys.Map(position + 0.4), ys.Map(position - 0.4));
                svg.Rect(Math.Min(x0, x1), Math.Min(y0, y1), Math.Max(1, Math.Abs(x1 - x0)), Math.Abs(y1 - y0), b.Color, string.Empty, b.HoverText?[i]);
                if (b.Labels is { } labels)
                {
                    svg.Text(Math.Max(x0, x1) + 4, ((y0 + y1) / 2) + 4, labels[i], "start", fontSize);
                }
            }
            else
            {
                var (x0, x1) = (xs.Map(position - 0.4), xs.Map(position + 0.4));
                var (y0, y1) = (ys.Map(start), ys.Map(end));
                svg.Rect(Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0), Math.Max(1, Math.Abs(y1 - y0)), b.Color, string.Empty, b.HoverText?[i]);
                if (b.Labels is { } labels)
                {
                    svg.Text((x0 + x1) / 2, Math.Min(y0, y1) - 4, labels[i], "middle", fontSize);
                }
            }
        }

        svg.Close("g");
    }

    private static void DrawContour(SvgBuilder svg, ContourSeries c, AxisScale xs, AxisScale ys, Box plot)
    {
        var (lo, hi) = SvgRenderer.Range(c.Z.SelectMany(r => r));
        svg.Open("g", $"class=\"series contour\" data-name=\"{SvgBuilder.Escape(c.Name)}\"");
        for (var j = 0; j < c.Y.Count; j++)
        {
            var (y0, y1) = Edges(c.Y, j, ys);
            for (var i = 0; i < c.X.Count; i++)
            {
                var value = c.Z[j][i];
                if (!double.IsFinite(value))
                {
                    continue;
                }

                var (x0, x1) = Edges(c.X, i, xs);
                var left = Math.Clamp(Math.Min(x0, x1), plot.X, plot.Right);
                var right = Math.Clamp(Math.Max(x0, x1), plot.X, plot.Right);
                var top = Math.Clamp(Math.Min(y0, y1), plot.Y, plot.Bottom);
                var bottom = Math.Clamp(Math.Max(y0, y1), plot.Y, plot.Bottom);
                var fill = SvgRenderer.ColorOf(c.ColorScale, c.ReverseScale, value, lo, hi);
                svg.Rect(left, top, right - left + 0.3, bottom - top + 0.3, fill);
            }
        }

        svg.Close("g");
    }

    /// <summary>The pixel edges of grid cell <paramref name="k"/>: halfway to its neighbours.</summary>
    private static (double From, double To) Edges(IReadOnlyList<double> grid, int k, AxisScale scale)
    {
        var center = scale.Map(grid[k]);
        var before = k > 0 ? (scale.Map(grid[k - 1]) + center) / 2 : center - ((k + 1 < grid.Count ? scale.Map(grid[k + 1]) - center : 20) / 2);
        var after = k + 1 < grid.Count ? (scale.Map(grid[k + 1]) + center) / 2 : center + ((center - (k > 0 ? scale.Map(grid[k - 1]) : center - 20)) / 2);
        return (before, after);
    }
}
