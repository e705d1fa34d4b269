using System.Globalization;

namespace Attune.Visualization;

/// <summary>
/// Renders a figure to a static SVG image with Attune's own SVG writer (no browser): axes with ticks,
/// markers, lines, bars, contour cells, parallel coordinates, a projected 3D scatter, a legend and a
/// colour bar. Markers carry their hover text as an SVG <c>title</c> (a tooltip in browsers) in series of up to
/// <see cref="MaxTooltips"/> points.
/// </summary>
public static class SvgRenderer
{
    /// <summary>Markers carry their hover text as a tooltip only in series of at most this many points, to keep large files small.</summary>
    public const int MaxTooltips = 2000;

    private const double TitleHeight = 40;
    private const double LegendWidth = 170;
    private const double ColorBarWidth = 90;

    /// <summary>Renders a figure as an SVG document.</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="width">The image width in pixels; default 900. The height follows from the number of panel rows.</param>
    /// <returns>The SVG text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="figure"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is below 200.</exception>
    public static string Render(Figure figure, int width = 900)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        var height = PlotlyJson.Height(figure);
        var svg = new SvgBuilder();
        svg.Raw(string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\">\n"));
        svg.Raw("<!-- ").Raw(SvgBuilder.Escape(figure.Kind)).Raw(", drawn by Attune.Visualization -->\n");
        svg.Rect(0, 0, width, height, "#ffffff");
        svg.Text(width / 2.0, 26, figure.Title, "middle", 17, "font-weight=\"bold\"");

        var legend = figure.ShowLegend ? LegendEntries(figure) : [];
        var colorSource = figure.AllSeries.FirstOrDefault(HasColorBar);
        var right = width - (legend.Count > 0 ? LegendWidth : 0) - (colorSource is not null ? ColorBarWidth : 0);
        var columns = Math.Max(1, figure.Columns);
        var rows = Math.Max(1, figure.Rows);
        var cellWidth = right / columns;
        var cellHeight = (height - TitleHeight) / rows;
        for (var p = 0; p < figure.Panels.Count; p++)
        {
            var panel = figure.Panels[p];
            if (panel.IsBlank)
            {
                continue;
            }

            var (r, c) = (p / columns, p % columns);
            var box = new Box(c * cellWidth, TitleHeight + (r * cellHeight), cellWidth, cellHeight);
            svg.Open("g", string.Create(CultureInfo.InvariantCulture, $"class=\"panel\" data-panel=\"{p}\""));
            if (panel.Series.OfType<ParallelCoordinatesSeries>().FirstOrDefault() is { } parallel)
            {
                SvgParallel.Draw(svg, box, parallel);
            }
            else if (panel.Z is not null)
            {
                Svg3D.Draw(svg, box, panel);
            }
            else
            {
                SvgPanel.Draw(svg, box, panel, compact: columns > 2 || rows > 2);
            }

            svg.Close("g");
        }

        if (colorSource is not null)
        {
            DrawColorBar(svg, colorSource, right + 10, TitleHeight + 20, Math.Min(300, height - TitleHeight - 60));
        }

        if (legend.Count > 0)
        {
            DrawLegend(svg, legend, width - LegendWidth + 10, TitleHeight + 20);
        }

        svg.Raw("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Writes a figure as an SVG document.</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="width">The image width in pixels; default 900.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Figure figure, TextWriter writer, int width = 900)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Render(figure, width));
    }

    private static bool HasColorBar(Series series) => series switch
    {
        ScatterSeries { ColorValues: not null, ColorTitle: not null } => true,
        ContourSeries { ColorTitle: not null } => true,
        ParallelCoordinatesSeries { ColorTitle: not null } => true,
        _ => false,
    };

    private static List<Series> LegendEntries(Figure figure)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. figure.AllSeries.Where(s => s.ShowInLegend && seen.Add(s.Name))];
    }

    private static void DrawLegend(SvgBuilder svg, List<Series> entries, double x, double y)
    {
        svg.Open("g", "class=\"legend\"");
        foreach (var series in entries)
        {
            switch (series)
            {
                case ScatterSeries { Mode: SeriesMode.Lines or SeriesMode.Steps } s:
                    svg.Line(x, y - 4, x + 18, y - 4, s.Color, 2);
                    break;
                case ScatterSeries s:
                    svg.Circle(x + 9, y - 4, 4, s.ColorValues is null ? s.Color : s.ColorScale.ColorAt(s.ReverseScale ? 0.2 : 0.8));
                    break;
                case BarSeries b:
                    svg.Rect(x + 2, y - 10, 14, 12, b.Color);
                    break;
            }

            svg.Text(x + 24, y, series.Name, "start", 12);
            y += 20;
        }

        svg.Close("g");
    }

    private static void DrawColorBar(SvgBuilder svg, Series series, double x, double y, double height)
    {
        var (scale, reverse, title, values) = series switch
        {
            ScatterSeries s => (s.ColorScale, s.ReverseScale, s.ColorTitle!, s.ColorValues!),
            ContourSeries c => (c.ColorScale, c.ReverseScale, c.ColorTitle!, (IReadOnlyList<double>)[.. c.Z.SelectMany(r => r).Where(double.IsFinite)]),
            ParallelCoordinatesSeries p => (p.ColorScale, p.ReverseScale, p.ColorTitle!, p.ColorValues),
            _ => throw new InvalidOperationException(),
        };
        var (lo, hi) = Range(values);
        svg.Open("g", "class=\"colorbar\"");
        svg.Raw("<defs><linearGradient id=\"attune-colorbar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n");
        foreach (var (position, color) in scale.Stops)
        {
            var offset = reverse ? 1 - position : position;
            svg.Raw("<stop offset=\"").Raw(SvgBuilder.N(offset)).Raw("\" stop-color=\"").Raw(color).Raw("\"/>\n");
        }

        svg.Raw("</linearGradient></defs>\n");
        svg.Text(x, y - 8, title, "start", 11);
        svg.Rect(x, y, 14, height, "url(#attune-colorbar)", "stroke=\"#888888\"");
        svg.Text(x + 18, y + 10, AxisScale.Label(hi), "start", 10);
        svg.Text(x + 18, y + height, AxisScale.Label(lo), "start", 10);
        svg.Close("g");
    }

    internal static (double Lo, double Hi) Range(IEnumerable<double> values)
    {
        var (lo, hi) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        return double.IsFinite(lo) ? (lo, hi) : (0, 1);
    }

    /// <summary>The colour of a value within [lo, hi] on a scale.</summary>
    internal static string ColorOf(ColorScale scale, bool reverse, double value, double lo, double hi)
    {
        var t = hi > lo ? (value - lo) / (hi - lo) : 0.5;
        return scale.ColorAt(reverse ? 1 - t : t);
    }
}
