using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Attune.Visualization;

/// <summary>Translates a <see cref="Figure"/> into plotly.js's <c>data</c> and <c>layout</c> JSON.</summary>
internal static class PlotlyJson
{
    private const double Gap = 0.04;

    // Relaxed escaping keeps hover text such as "<br>" short; ScriptSafe then escapes every "</" so that no string can close the inline script.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string ScriptSafe(MemoryStream stream) =>
        Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length).Replace("</", "<\\/", StringComparison.Ordinal);

    /// <summary>The <c>data</c> array: one trace per series.</summary>
    public static string Data(Figure figure)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartArray();
            for (var p = 0; p < figure.Panels.Count; p++)
            {
                var panel = figure.Panels[p];
                foreach (var series in panel.Series)
                {
                    WriteTrace(w, series, panel, p);
                }
            }

            w.WriteEndArray();
        }

        return ScriptSafe(stream);
    }

    /// <summary>The <c>layout</c> object: title, one axis pair (or 3D scene) per panel placed on the grid, legend.</summary>
    public static string Layout(Figure figure)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteStartObject("title");
            w.WriteString("text", figure.Title);
            w.WriteEndObject();
            w.WriteBoolean("showlegend", figure.ShowLegend && figure.AllSeries.Any(s => s.ShowInLegend));
            w.WriteNumber("height", Height(figure));
            w.WriteString("hovermode", "closest");
            w.WriteStartObject("margin");
            w.WriteNumber("t", 60);
            w.WriteEndObject();
            var columns = Math.Max(1, figure.Columns);
            var rows = Math.Max(1, figure.Rows);
            for (var p = 0; p < figure.Panels.Count; p++)
            {
                var panel = figure.Panels[p];
                if (panel.Series.Any(s => s is ParallelCoordinatesSeries))
                {
                    continue;
                }

                var (x0, x1, y0, y1) = Domain(p, columns, rows);
                if (panel.Z is not null)
                {
                    w.WriteStartObject(p == 0 ? "scene" : "scene" + (p + 1).ToString(CultureInfo.InvariantCulture));
                    WriteDomain(w, x0, x1, y0, y1);
                    WriteAxis(w, "xaxis", panel.X, null, null, null);
                    WriteAxis(w, "yaxis", panel.Y, null, null, null);
                    WriteAxis(w, "zaxis", panel.Z, null, null, null);
                    w.WriteEndObject();
                    continue;
                }

                var suffix = p == 0 ? string.Empty : (p + 1).ToString(CultureInfo.InvariantCulture);
                WriteAxis(w, "xaxis" + suffix, panel.X, "y" + suffix, (x0, x1), panel.IsBlank);
                WriteAxis(w, "yaxis" + suffix, panel.Y, "x" + suffix, (y0, y1), panel.IsBlank);
            }

            w.WriteEndObject();
        }

        return ScriptSafe(stream);
    }

    /// <summary>The figure's height in pixels: 450 for one row, less per row for a larger grid.</summary>
    public static int Height(Figure figure)
    {
        var rows = Math.Max(1, figure.Rows);
        return rows == 1 ? 450 : Math.Min(1600, 120 + (rows * Math.Max(180, 900 / rows)));
    }

    private static (double X0, double X1, double Y0, double Y1) Domain(int index, int columns, int rows)
    {
        var (r, c) = (index / columns, index % columns);
        var gapX = columns > 1 ? Gap : 0;
        var gapY = rows > 1 ? Gap * 1.5 : 0;
        return (
            ((double)c / columns) + (c > 0 ? gapX / 2 : 0),
            ((c + 1.0) / columns) - (c < columns - 1 ? gapX / 2 : 0),
            (1 - ((r + 1.0) / rows)) + (r < rows - 1 ? gapY / 2 : 0),
            (1 - ((double)r / rows)) - (r > 0 ? gapY / 2 : 0));
    }

    private static void WriteDomain(Utf8JsonWriter w, double x0, double x1, double y0, double y1)
    {
        w.WriteStartObject("domain");
        w.WriteStartArray("x");
        w.WriteNumberValue(Math.Round(x0, 4));
        w.WriteNumberValue(Math.Round(x1, 4));
        w.WriteEndArray();
        w.WriteStartArray("y");
        w.WriteNumberValue(Math.Round(y0, 4));
        w.WriteNumberValue(Math.Round(y1, 4));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAxis(Utf8JsonWriter w, string name, Axis axis, string? anchor, (double From, double To)? domain, bool? hidden)
    {
        w.WriteStartObject(name);
        w.WriteStartObject("title");
        w.WriteString("text", axis.Title);
        w.WriteEndObject();
        w.WriteString("type", axis.Type switch
        {
            AxisType.Log => "log",
            AxisType.Date => "date",
            _ => "linear",
        });
        if (anchor is not null)
        {
            w.WriteString("anchor", anchor);
        }

        if (domain is { } d)
        {
            w.WriteStartArray("domain");
            w.WriteNumberValue(Math.Round(d.From, 4));
            w.WriteNumberValue(Math.Round(d.To, 4));
            w.WriteEndArray();
        }

        if (hidden == true)
        {
            w.WriteBoolean("visible", false);
        }

        if (axis.Type == AxisType.Category && axis.Categories is { } categories)
        {
            w.WriteStartArray("tickvals");
            for (var i = 0; i < categories.Count; i++)
            {
                w.WriteNumberValue(i);
            }

            w.WriteEndArray();
            w.WriteStartArray("ticktext");
            foreach (var c in categories)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
        }

        if (axis.Min is { } min && axis.Max is { } max)
        {
            w.WriteStartArray("range");
            w.WriteNumberValue(axis.Type == AxisType.Log ? Math.Log10(min) : min);
            w.WriteNumberValue(axis.Type == AxisType.Log ? Math.Log10(max) : max);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteTrace(Utf8JsonWriter w, Series series, Panel panel, int index)
    {
        w.WriteStartObject();
        w.WriteString("name", series.Name);
        w.WriteBoolean("showlegend", series.ShowInLegend);
        var suffix = index == 0 ? string.Empty : (index + 1).ToString(CultureInfo.InvariantCulture);
        switch (series)
        {
            case ScatterSeries s when s.Z is not null:
                w.WriteString("type", "scatter3d");
                w.WriteString("scene", "scene" + suffix);
                WriteScatterBody(w, s);
                Numbers(w, "z", s.Z);
                break;
            case ScatterSeries s:
                w.WriteString("type", "scatter");
                w.WriteString("xaxis", "x" + suffix);
                w.WriteString("yaxis", "y" + suffix);
                WriteScatterBody(w, s);
                break;
            case BarSeries b:
                WriteBar(w, b, panel, suffix);
                break;
            case ContourSeries c:
                w.WriteString("type", "contour");
                w.WriteString("xaxis", "x" + suffix);
                w.WriteString("yaxis", "y" + suffix);
                Numbers(w, "x", c.X);
                Numbers(w, "y", c.Y);
                w.WriteStartArray("z");
                foreach (var row in c.Z)
                {
                    w.WriteStartArray();
                    foreach (var v in row)
                    {
                        Number(w, v);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteBoolean("connectgaps", true);
                w.WriteStartObject("contours");
                w.WriteString("coloring", "heatmap");
                w.WriteEndObject();
                w.WriteStartObject("line");
                w.WriteNumber("smoothing", 1.3);
                w.WriteEndObject();
                w.WriteString("hoverinfo", "none");
                WriteScale(w, c.ColorScale, c.ReverseScale, c.ColorTitle);
                break;
            case ParallelCoordinatesSeries pc:
                w.WriteString("type", "parcoords");
                w.WriteStartArray("dimensions");
                foreach (var d in pc.Dimensions)
                {
                    w.WriteStartObject();
                    w.WriteString("label", d.Label);
                    Numbers(w, "values", d.Values);
                    w.WriteStartArray("range");
                    Number(w, d.Min);
                    Number(w, d.Max);
                    w.WriteEndArray();
                    if (d.TickValues is { } tv)
                    {
                        Numbers(w, "tickvals", tv);
                    }

                    if (d.TickLabels is { } tl)
                    {
                        Strings(w, "ticktext", tl);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartObject("line");
                Numbers(w, "color", pc.ColorValues);
                WriteScale(w, pc.ColorScale, pc.ReverseScale, pc.ColorTitle);
                w.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"No plotly trace for {series.GetType().Name}.");
        }

        w.WriteEndObject();
    }

    private static void WriteScatterBody(Utf8JsonWriter w, ScatterSeries s)
    {
        Numbers(w, "x", s.X);
        Numbers(w, "y", s.Y);
        w.WriteString("mode", s.Mode switch
        {
            SeriesMode.Lines or SeriesMode.Steps => "lines",
            SeriesMode.LinesAndMarkers => "lines+markers",
            _ => "markers",
        });
        w.WriteStartObject("line");
        w.WriteString("color", s.Color);
        if (s.Mode == SeriesMode.Steps)
        {
            w.WriteString("shape", "hv");
        }

        w.WriteEndObject();
        w.WriteStartObject("marker");
        w.WriteNumber("size", s.MarkerSize);
        if (s.ColorValues is { } values)
        {
            Numbers(w, "color", values);
            WriteScale(w, s.ColorScale, s.ReverseScale, s.ColorTitle);
            w.WriteStartObject("line");
            w.WriteNumber("width", 0.5);
            w.WriteString("color", "#444444");
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("color", s.Color);
        }

        w.WriteEndObject();
        WriteHover(w, s.HoverText);
    }

    private static void WriteBar(Utf8JsonWriter w, BarSeries b, Panel panel, string suffix)
    {
        w.WriteString("type", "bar");
        w.WriteString("xaxis", "x" + suffix);
        w.WriteString("yaxis", "y" + suffix);
        w.WriteString("orientation", b.Horizontal ? "h" : "v");
        Numbers(w, b.Horizontal ? "x" : "y", b.Lengths);
        Numbers(w, b.Horizontal ? "y" : "x", b.Positions);
        if (b.Base is { } bases)
        {
            var valueAxis = b.Horizontal ? panel.X : panel.Y;
            if (valueAxis.Type == AxisType.Date)
            {
                Strings(w, "base", [.. bases.Select(DateText)]);
            }
            else
            {
                Numbers(w, "base", bases);
            }
        }

        w.WriteStartObject("marker");
        w.WriteString("color", b.Color);
        w.WriteEndObject();
        if (b.Labels is { } labels)
        {
            Strings(w, "text", labels);
            w.WriteString("textposition", "outside");
        }

        WriteHover(w, b.HoverText);
    }

    private static void WriteHover(Utf8JsonWriter w, IReadOnlyList<string>? hover)
    {
        if (hover is not null)
        {
            Strings(w, "hovertext", hover);
            w.WriteString("hoverinfo", "text");
        }
    }

    private static void WriteScale(Utf8JsonWriter w, ColorScale scale, bool reverse, string? title)
    {
        w.WriteStartArray("colorscale");
        foreach (var (position, color) in scale.Stops)
        {
            w.WriteStartArray();
            w.WriteNumberValue(position);
            w.WriteStringValue(color);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteBoolean("reversescale", reverse);
        w.WriteBoolean("showscale", title is not null);
        if (title is not null)
        {
            w.WriteStartObject("colorbar");
            w.WriteStartObject("title");
            w.WriteString("text", title);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    internal static string DateText(double unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unixMilliseconds)).UtcDateTime
            .ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            Number(w, v);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
