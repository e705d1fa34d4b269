using System.Globalization;
using System.Net;
using System.Text;

namespace Attune.Visualization;

/// <summary>
/// A one-page HTML report of a study: a summary, the best trial (or the Pareto front), and the main
/// figures. Self-contained: plotly.js is embedded once and the file opens offline.
/// </summary>
public static class StudyReport
{
    /// <summary>The figures of the report, in page order: for one objective the optimization history, intermediate values (when any),
    /// parallel coordinates, slice, contour (two or more parameters), importances (when given), distribution function and timeline;
    /// for several objectives the Pareto front (two or three objectives), hypervolume history and timeline.</summary>
    /// <param name="study">The study.</param>
    /// <param name="options">The options; default <see cref="StudyReportOptions"/>'s defaults.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    public static IReadOnlyList<Figure> Figures(Study study, StudyReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= new StudyReportOptions();
        var trials = study.Trials;
        var figures = new List<Figure>();
        var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
        var parameters = ParamScale.NamesOf(complete);
        if (study.Directions.Count == 1)
        {
            figures.Add(Plots.OptimizationHistory(study));
            if (trials.Any(t => t.IntermediateValues.Count > 0))
            {
                figures.Add(Plots.IntermediateValues(study));
            }

            if (parameters.Count > 0 && complete.Count > 0)
            {
                figures.Add(Plots.ParallelCoordinate(study));
                figures.Add(Plots.Slice(study));
            }

            if (parameters.Count >= 2)
            {
                figures.Add(Plots.Contour(study, [.. parameters.Take(Math.Max(2, options.MaxContourParameters))]));
            }

            if (options.Importances is { Count: > 0 } importances)
            {
                figures.Add(Plots.ParamImportances(importances));
            }

            figures.Add(Plots.Edf(study));
        }
        else
        {
            if (study.Directions.Count <= 3)
            {
                figures.Add(Plots.ParetoFront(study));
            }

            if ((options.ReferencePoint ?? DefaultReferencePoint(study, complete)) is { } reference)
            {
                figures.Add(Plots.HypervolumeHistory(study, reference));
            }

            if (parameters.Count > 0 && complete.Count > 0)
            {
                figures.Add(Plots.ParallelCoordinate(study, target: t => t.Values![0], targetName: "Objective 0"));
            }
        }

        figures.Add(Plots.Timeline(study, options.TimeProvider));
        return figures;
    }

    /// <summary>Renders the report as an HTML page.</summary>
    /// <param name="study">The study.</param>
    /// <param name="options">The options; default <see cref="StudyReportOptions"/>'s defaults.</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    public static string Render(Study study, StudyReportOptions? options = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(study, writer, options);
        return writer.ToString();
    }

    /// <summary>Writes the report as an HTML page.</summary>
    /// <param name="study">The study.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="options">The options; default <see cref="StudyReportOptions"/>'s defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> or <paramref name="writer"/> is null.</exception>
    public static void Write(Study study, TextWriter writer, StudyReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= new StudyReportOptions();
        var page = new HtmlPage($"Attune study report: {study.Name}");
        page.AddHtml(Summary(study, options));
        foreach (var figure in Figures(study, options))
        {
            page.AddFigure(figure);
        }

        page.WriteTo(writer, PlotlyScript.Load());
    }

    private static double[]? DefaultReferencePoint(Study study, List<TrialRecord> complete)
    {
        var m = study.Directions.Count;
        var rows = complete.Where(t => t.Values is { } v && v.Count == m && v.All(double.IsFinite)).Select(t => t.Values!).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var reference = new double[m];
        for (var k = 0; k < m; k++)
        {
            var (lo, hi) = (rows.Min(v => v[k]), rows.Max(v => v[k]));
            var margin = hi > lo ? (hi - lo) * 0.1 : Math.Max(Math.Abs(hi) * 0.1, 1);
            reference[k] = study.Directions[k] == StudyDirection.Minimize ? hi + margin : lo - margin;
        }

        return reference;
    }

    private static string Summary(Study study, StudyReportOptions options)
    {
        var trials = study.Trials;
        var html = new StringBuilder();
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        html.Append("<h1>").Append(Encode(study.Name)).Append("</h1>\n");
        html.Append("<p class=\"attune-summary\">")
            .Append(Encode(string.Join(", ", study.Directions.Select(d => d.ToString().ToLowerInvariant()))))
            .Append(" · ").Append(trials.Count.ToString(CultureInfo.InvariantCulture)).Append(" trials");
        foreach (var group in trials.GroupBy(t => t.State).OrderBy(g => g.Key))
        {
            html.Append(" · ").Append(group.Count().ToString(CultureInfo.InvariantCulture)).Append(' ').Append(group.Key.ToString().ToLowerInvariant());
        }

        html.Append(" · generated ").Append(now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC</p>\n");
        var best = study.Directions.Count == 1
            ? trials.Where(t => t.State == TrialState.Complete && Study.IsFeasible(t)).OrderBy(t => study.Direction == StudyDirection.Minimize ? t.Value : -t.Value).Take(1).ToList()
            : [.. study.BestTrials.Take(options.MaxBestTrials)];
        html.Append("<h2>").Append(study.Directions.Count == 1 ? "Best trial" : "Pareto front").Append("</h2>\n");
        if (best.Count == 0)
        {
            html.Append("<p>No complete trial yet.</p>\n");
            return html.ToString();
        }

        var names = ParamScale.NamesOf(best);
        html.Append("<table class=\"attune-best\">\n<tr><th>trial</th>");
        for (var k = 0; k < study.Directions.Count; k++)
        {
            html.Append("<th>").Append(study.Directions.Count == 1 ? "value" : $"value {k}").Append("</th>");
        }

        foreach (var name in names)
        {
            html.Append("<th>").Append(Encode(name)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var trial in best)
        {
            html.Append("<tr><td class=\"num\">").Append(trial.Number.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            foreach (var v in trial.Values!)
            {
                html.Append("<td class=\"num\">").Append(v.ToString("G8", CultureInfo.InvariantCulture)).Append("</td>");
            }

            foreach (var name in names)
            {
                var value = trial.Params.GetValueOrDefault(name);
                html.Append("<td>").Append(Encode(value is double d ? d.ToString("G8", CultureInfo.InvariantCulture) : ParamScale.FormatChoice(value))).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
