using System.Globalization;
using System.Net;
using System.Text;

namespace Attune.Visualization;

/// <summary>
/// Writes one self-contained HTML page: plotly.js inline, then blocks of HTML and figures in order.
/// Opens offline; needs no server and no network.
/// </summary>
internal sealed class HtmlPage
{
    private readonly List<(string? Html, Figure? Figure)> blocks = [];

    public HtmlPage(string title) => Title = title;

    public string Title { get; }

    public HtmlPage AddHtml(string html)
    {
        blocks.Add((html, null));
        return this;
    }

    public HtmlPage AddFigure(Figure figure)
    {
        blocks.Add((null, figure));
        return this;
    }

    public void WriteTo(TextWriter writer, string plotly)
    {
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        writer.Write("<meta name=\"generator\" content=\"Attune.Visualization ");
        writer.Write(WebUtility.HtmlEncode(PlotlyScript.AttuneVersion));
        writer.Write("; plotly.js ");
        writer.Write(WebUtility.HtmlEncode(PlotlyScript.Version(plotly)));
        writer.Write("\">\n<title>");
        writer.Write(WebUtility.HtmlEncode(Title));
        writer.Write("</title>\n<style>\n");
        writer.Write(Style);
        writer.Write("</style>\n<script>\n");
        writer.Write(plotly.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase));
        writer.Write("\n</script>\n</head>\n<body>\n");
        var index = 0;
        var script = new StringBuilder();
        foreach (var (html, figure) in blocks)
        {
            if (html is not null)
            {
                writer.Write(html);
                writer.Write('\n');
                continue;
            }

            index++;
            var id = "attune-figure-" + index.ToString(CultureInfo.InvariantCulture);
            var traces = figure!.AllSeries.Count();
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"<div id=\"{id}\" class=\"attune-figure\" data-kind=\"{WebUtility.HtmlEncode(figure.Kind)}\" data-traces=\"{traces}\" style=\"height:{PlotlyJson.Height(figure)}px\"></div>\n"));
            script.Append("Plotly.newPlot(\"").Append(id).Append("\",\n")
                .Append(PlotlyJson.Data(figure)).Append(",\n")
                .Append(PlotlyJson.Layout(figure)).Append(",\n")
                .Append("{\"responsive\":true,\"displaylogo\":false});\n");
        }

        writer.Write("<script>\n");
        writer.Write(script.ToString());
        writer.Write("</script>\n</body>\n</html>\n");
    }

    private const string Style =
        "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px;color:#222;}\n" +
        ".attune-figure{width:100%;margin-bottom:24px;}\n" +
        "table{border-collapse:collapse;margin:8px 0 24px 0;font-size:14px;}\n" +
        "th,td{border:1px solid #ddd;padding:4px 10px;text-align:left;}\n" +
        "th{background:#f3f6fa;}\n" +
        "td.num{text-align:right;font-variant-numeric:tabular-nums;}\n" +
        "h1{font-size:24px;} h2{font-size:18px;margin-top:32px;}\n" +
        ".attune-summary{color:#555;}\n";
}
