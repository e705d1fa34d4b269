namespace Attune.Visualization;

/// <summary>
/// Renders figures to one self-contained HTML file with plotly.js embedded (no CDN, opens offline):
/// interactive zoom, pan and hover.
/// </summary>
public static class HtmlRenderer
{
    /// <summary>Renders one figure as a whole HTML page.</summary>
    /// <param name="figure">The figure.</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="figure"/> is null.</exception>
    public static string Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Render([figure], figure.Title);
    }

    /// <summary>Renders several figures, one below another, as one HTML page that embeds plotly.js once.</summary>
    /// <param name="figures">The figures.</param>
    /// <param name="title">The page title.</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Render(IReadOnlyList<Figure> figures, string title)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(figures, title, writer);
        return writer.ToString();
    }

    /// <summary>Writes several figures as one HTML page.</summary>
    /// <param name="figures">The figures.</param>
    /// <param name="title">The page title.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(IReadOnlyList<Figure> figures, string title, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(writer);
        var page = new HtmlPage(title);
        foreach (var figure in figures)
        {
            page.AddFigure(figure ?? throw new ArgumentNullException(nameof(figures), "A figure is null."));
        }

        page.WriteTo(writer, PlotlyScript.Load());
    }
}
