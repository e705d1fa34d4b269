namespace Attune.Visualization;

/// <summary>Saves figures to files, choosing the format from the extension.</summary>
public static class FigureFile
{
    /// <summary>Saves a figure as <c>.html</c> (plotly.js embedded, interactive) or <c>.svg</c> (static).</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="path">The file; its extension chooses the format.</param>
    /// <exception cref="ArgumentException">The extension is neither <c>.html</c>/<c>.htm</c> nor <c>.svg</c>.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(Figure figure, string path)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = FormatOf(path) switch
        {
            FigureFormat.Svg => SvgRenderer.Render(figure),
            _ => HtmlRenderer.Render(figure),
        };
        File.WriteAllText(path, text);
    }

    /// <summary>The format a file name asks for.</summary>
    /// <param name="path">The file name.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">The extension is neither <c>.html</c>/<c>.htm</c> nor <c>.svg</c>.</exception>
    public static FigureFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" or ".htm" => FigureFormat.Html,
            ".svg" => FigureFormat.Svg,
            var other => throw new ArgumentException(
                $"Cannot tell the figure format of '{path}' from its extension '{other}'; use .html or .svg.", nameof(path)),
        };
    }
}
