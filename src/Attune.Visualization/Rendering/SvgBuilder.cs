using System.Globalization;
using System.Text;

namespace Attune.Visualization;

/// <summary>Appends SVG elements to a buffer, with invariant numbers rounded to 0.01 px and escaped text.</summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder text = new();

    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<br>", "\n", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    public SvgBuilder Raw(string value)
    {
        text.Append(value);
        return this;
    }

    public SvgBuilder Open(string element, string attributes)
    {
        text.Append('<').Append(element);
        if (attributes.Length > 0)
        {
            text.Append(' ').Append(attributes);
        }

        text.Append(">\n");
        return this;
    }

    public SvgBuilder Close(string element)
    {
        text.Append("</").Append(element).Append(">\n");
        return this;
    }

    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string extra = "")
    {
        text.Append("<line x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1)).Append("\" x2=\"").Append(N(x2)).Append("\" y2=\"").Append(N(y2))
            .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (extra.Length > 0)
        {
            text.Append(' ').Append(extra);
        }

        text.Append("/>\n");
        return this;
    }

    public SvgBuilder Rect(double x, double y, double width, double height, string fill, string extra = "", string? title = null)
    {
        text.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(Math.Max(0, width)))
            .Append("\" height=\"").Append(N(Math.Max(0, height))).Append("\" fill=\"").Append(fill).Append('"');
        if (extra.Length > 0)
        {
            text.Append(' ').Append(extra);
        }

        return EndShape("rect", title);
    }

    public SvgBuilder Circle(double cx, double cy, double r, string fill, string? title = null, string extra = "")
    {
        text.Append("<circle cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy)).Append("\" r=\"").Append(N(r)).Append("\" fill=\"").Append(fill).Append('"');
        if (extra.Length > 0)
        {
            text.Append(' ').Append(extra);
        }

        return EndShape("circle", title);
    }

    public SvgBuilder Path(string data, string stroke, double width, string extra = "")
    {
        text.Append("<path d=\"").Append(data).Append("\" fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (extra.Length > 0)
        {
            text.Append(' ').Append(extra);
        }

        text.Append("/>\n");
        return this;
    }

    public SvgBuilder Text(double x, double y, string value, string anchor = "middle", double size = 12, string extra = "")
    {
        text.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" text-anchor=\"").Append(anchor)
            .Append("\" font-size=\"").Append(N(size)).Append('"');
        if (extra.Length > 0)
        {
            text.Append(' ').Append(extra);
        }

        text.Append('>').Append(Escape(value)).Append("</text>\n");
        return this;
    }

    public override string ToString() => text.ToString();

    private SvgBuilder EndShape(string element, string? title)
    {
        if (title is null)
        {
            text.Append("/>\n");
        }
        else
        {
            text.Append("><title>").Append(Escape(title)).Append("</title></").Append(element).Append(">\n");
        }

        return this;
    }
}
