using System.Globalization;
using System.Text;
using Attune.Pbt;

namespace PbtDigits;

/// <summary>An SVG line chart of every member's learning rate over its steps (log scale), with the best model's lineage drawn bold.</summary>
public static class ScheduleFigure
{
    private const double Width = 640;
    private const double Height = 360;
    private const double Margin = 50;

    /// <summary>Renders the figure.</summary>
    /// <param name="history">The run.</param>
    /// <param name="lineage">The lineage to highlight.</param>
    /// <returns>The SVG document.</returns>
    public static string Render(PbtHistory history, IReadOnlyList<PbtSegment> lineage)
    {
        var all = history.Members.SelectMany(m => m.Segments).Where(s => s.State == Attune.TrialState.Complete).ToArray();
        var maxStep = all.Max(s => s.EndStep);
        var rates = all.Select(s => Math.Log10(s.Hyperparameters.GetDouble("learning_rate"))).ToArray();
        var low = Math.Floor(rates.Min());
        var high = Math.Ceiling(rates.Max());
        if (high <= low)
        {
            high = low + 1;
        }

        double X(long step) => Margin + ((Width - (2 * Margin)) * step / maxStep);
        double Y(double rate) => Height - Margin - ((Height - (2 * Margin)) * (Math.Log10(rate) - low) / (high - low));
        string Path(IEnumerable<PbtSegment> segments) => string.Join(" ", segments.SelectMany(s =>
        {
            var y = Y(s.Hyperparameters.GetDouble("learning_rate"));
            return new[] { F(X(s.StartStep)) + "," + F(y), F(X(s.EndStep)) + "," + F(y) };
        }));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\">Learning rate by member (bold: lineage of the best model)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{Height - Margin}\" x2=\"{Width - Margin}\" y2=\"{Height - Margin}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{Margin}\" x2=\"{Margin}\" y2=\"{Height - Margin}\" stroke=\"black\"/>\n");
        for (var decade = low; decade <= high; decade++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin - 5}\" y=\"{F(Y(Math.Pow(10, decade)) + 4)}\" text-anchor=\"end\">1e{decade}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height - 15}\" text-anchor=\"middle\">step (0 to {maxStep})</text>\n");
        foreach (var member in history.Members)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"#9bb\" stroke-width=\"1\" points=\"{Path(member.Segments.Where(s => s.State == Attune.TrialState.Complete))}\"/>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"#c30\" stroke-width=\"3\" points=\"{Path(lineage)}\"/>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
