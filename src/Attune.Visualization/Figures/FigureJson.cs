using System.Text;
using System.Text.Json;

namespace Attune.Visualization;

/// <summary>Writes a <see cref="Figure"/> record as JSON (indented, series by kind), to export figure data or compare it in tests.</summary>
public static class FigureJson
{
    /// <summary>The figure as indented JSON; NaN is written as <c>null</c>.</summary>
    /// <param name="figure">The figure.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="figure"/> is null.</exception>
    public static string Serialize(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("kind", figure.Kind);
            w.WriteString("title", figure.Title);
            w.WriteNumber("columns", figure.Columns);
            w.WriteBoolean("showLegend", figure.ShowLegend);
            w.WriteStartArray("panels");
            foreach (var panel in figure.Panels)
            {
                WritePanel(w, panel);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WritePanel(Utf8JsonWriter w, Panel panel)
    {
        w.WriteStartObject();
        if (panel.IsBlank)
        {
            w.WriteBoolean("blank", true);
            w.WriteEndObject();
            return;
        }

        if (panel.Title is { } title)
        {
            w.WriteString("title", title);
        }

        WriteAxis(w, "x", panel.X);
        WriteAxis(w, "y", panel.Y);
        if (panel.Z is { } z)
        {
            WriteAxis(w, "z", z);
        }

        w.WriteStartArray("series");
        foreach (var series in panel.Series)
        {
            WriteSeries(w, series);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAxis(Utf8JsonWriter w, string name, Axis axis)
    {
        w.WriteStartObject(name);
        w.WriteString("title", axis.Title);
        w.WriteString("type", axis.Type.ToString().ToLowerInvariant());
        if (axis.Categories is { } categories)
        {
            Strings(w, "categories", categories);
        }

        if (axis.Min is { } min)
        {
            Number(w, "min", min);
        }

        if (axis.Max is { } max)
        {
            Number(w, "max", max);
        }

        w.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter w, Series series)
    {
        w.WriteStartObject();
        w.WriteString("name", series.Name);
        w.WriteBoolean("legend", series.ShowInLegend);
        switch (series)
        {
            case ScatterSeries s:
                w.WriteString("type", s.Z is null ? "scatter" : "scatter3d");
                w.WriteString("mode", s.Mode.ToString().ToLowerInvariant());
                w.WriteString("color", s.Color);
                Numbers(w, "x", s.X);
                Numbers(w, "y", s.Y);
                if (s.Z is { } z)
                {
                    Numbers(w, "z", z);
                }

                if (s.ColorValues is { } cv)
                {
                    Numbers(w, "colorValues", cv);
                    w.WriteString("colorScale", s.ColorScale.Name);
                    w.WriteBoolean("reverseScale", s.ReverseScale);
                }

                if (s.ColorTitle is { } ct)
                {
                    w.WriteString("colorTitle", ct);
                }

                break;
            case BarSeries b:
                w.WriteString("type", "bar");
                w.WriteBoolean("horizontal", b.Horizontal);
                w.WriteString("color", b.Color);
                Numbers(w, "positions", b.Positions);
                Numbers(w, "lengths", b.Lengths);
                if (b.Base is { } bases)
                {
                    Numbers(w, "base", bases);
                }

                if (b.Labels is { } labels)
                {
                    Strings(w, "labels", labels);
                }

                break;
            case ContourSeries c:
                w.WriteString("type", "contour");
                w.WriteString("colorScale", c.ColorScale.Name);
                w.WriteBoolean("reverseScale", c.ReverseScale);
                Numbers(w, "x", c.X);
                Numbers(w, "y", c.Y);
                w.WriteStartArray("z");
                foreach (var row in c.Z)
                {
                    w.WriteStartArray();
                    foreach (var v in row)
                    {
                        Value(w, v);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
                break;
            case ParallelCoordinatesSeries p:
                w.WriteString("type", "parcoords");
                w.WriteString("colorScale", p.ColorScale.Name);
                w.WriteBoolean("reverseScale", p.ReverseScale);
                Numbers(w, "colorValues", p.ColorValues);
                w.WriteStartArray("dimensions");
                foreach (var d in p.Dimensions)
                {
                    w.WriteStartObject();
                    w.WriteString("label", d.Label);
                    Number(w, "min", d.Min);
                    Number(w, "max", d.Max);
                    Numbers(w, "values", d.Values);
                    if (d.TickValues is { } tv)
                    {
                        Numbers(w, "tickValues", tv);
                    }

                    if (d.TickLabels is { } tl)
                    {
                        Strings(w, "tickLabels", tl);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
        }

        if (series.HoverText is { } hover)
        {
            Strings(w, "hover", hover);
        }

        w.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            Value(w, v);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        Value(w, value);
    }

    private static void Value(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(Math.Round(v, 10));
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
