using System.Globalization;
using System.Text;
using Attune.Bench.Functions;

namespace Attune.Bench.Runner;

/// <summary>Writes the results as Markdown tables in the layout of optuna-3.1.md.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The results.</param>
    /// <param name="functions">The functions, for optima and reference points.</param>
    /// <returns>The Markdown text.</returns>
    public static string Render(BenchReport report, IReadOnlyList<BenchmarkFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(functions);
        var s = report.Settings;
        var sb = new StringBuilder();
        var trials = s.Budgets.Max();
        sb.AppendLine("# Attune sample-efficiency benchmark").AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"{report.Runs.Count} runs ({Plural(s.Functions.Count, "function")} x {Plural(s.Samplers.Count, "sampler")} x {Plural(s.Seeds, "seed")}), ")
          .Append(CultureInfo.InvariantCulture, $"{trials} trials each, {s.Parallel} at once, {report.TotalWallSeconds:0.00} s in all; {report.Machine}.").AppendLine()
          .AppendLine()
          .AppendLine("Cells are **median [25th, 75th percentile] across seeds**. Single-objective: simple regret = best value in the first n trials - f*.")
          .AppendLine("Multi-objective: hypervolume gap = HV* - HV(first n trials). Lower is better.")
          .AppendLine();

        var byId = functions.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var single = s.Functions.Where(id => !byId[id].IsMultiObjective).Order(StringComparer.Ordinal).ToList();
        var multi = s.Functions.Where(id => byId[id].IsMultiObjective).Order(StringComparer.Ordinal).ToList();
        var cells = report.Summary.ToDictionary(r => (r.Function, r.Sampler, r.Budget));
        string Cell(string function, string sampler, int budget) =>
            cells.TryGetValue((function, sampler, budget), out var r) ? Format.Cell(new Quartiles(r.Seeds, r.Median, r.Q25, r.Q75, r.Mean)) : "-";

        foreach (var budget in s.Budgets)
        {
            if (single.Count > 0)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"## Single-objective simple regret after {budget} trials ({s.Seeds} seeds)").AppendLine();
                sb.Append("| function | optimum |").AppendJoin("", s.Samplers.Select(x => $" {x} |")).AppendLine();
                sb.Append("|---|---|").AppendJoin("", s.Samplers.Select(_ => "---|")).AppendLine();
                foreach (var id in single)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"| {id} | {Format.G6(byId[id].Optimum!.Value)} |")
                      .AppendJoin("", s.Samplers.Select(x => $" {Cell(id, x, budget)} |")).AppendLine();
                }

                sb.AppendLine();
            }

            if (multi.Count > 0)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"## Multi-objective hypervolume gap after {budget} trials ({s.Seeds} seeds)").AppendLine();
                sb.Append("| function | ref point | HV* | trials |").AppendJoin("", s.Samplers.Select(x => $" {x} |")).AppendLine();
                sb.Append("|---|---|---|---|").AppendJoin("", s.Samplers.Select(_ => "---|")).AppendLine();
                foreach (var id in multi)
                {
                    var f = byId[id];
                    var refPoint = "(" + string.Join(", ", f.ReferencePoint!.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture))) + ")";
                    sb.Append(CultureInfo.InvariantCulture, $"| {id} | {refPoint} | {Format.G6(f.OptimalHypervolume!.Value)} | {budget} |")
                      .AppendJoin("", s.Samplers.Select(x => $" {Cell(id, x, budget)} |")).AppendLine();
                }

                sb.AppendLine();
            }
        }

        AppendTimings(sb, report, trials);
        if (report.Comparison.Count > 0)
        {
            AppendComparison(sb, report);
        }

        return sb.ToString();
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static void AppendTimings(StringBuilder sb, BenchReport report, int trials)
    {
        var s = report.Settings;
        var timings = report.Timings.ToDictionary(t => (t.Function, t.Sampler));
        var withOptuna = report.Timings.Any(t => t.OptunaWallSeconds is not null);
        sb.AppendLine(CultureInfo.InvariantCulture, $"### Mean wall time per {trials}-trial run (s; ms per trial in parentheses)").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Runs execute {s.Parallel} at once, one study per thread; a run's time includes creating the study and its sampler.").AppendLine();
        sb.Append("| function |").AppendJoin("", s.Samplers.Select(x => $" {x} |"));
        if (withOptuna)
        {
            sb.AppendJoin("", s.Samplers.Select(x => $" Optuna {x} |"));
        }

        sb.AppendLine();
        sb.Append("|---|").AppendJoin("", s.Samplers.Select(_ => "---|"));
        if (withOptuna)
        {
            sb.AppendJoin("", s.Samplers.Select(_ => "---|"));
        }

        sb.AppendLine();
        foreach (var id in s.Functions.Order(StringComparer.Ordinal).Append("all"))
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {id} |");
            foreach (var sampler in s.Samplers)
            {
                sb.Append(timings.TryGetValue((id, sampler), out var t)
                    ? $" {Format.Sig3(t.MeanWallSeconds)} ({Format.Sig3(t.MeanMsPerTrial)}) |"
                    : " - |");
            }

            if (withOptuna)
            {
                foreach (var sampler in s.Samplers)
                {
                    sb.Append(timings.TryGetValue((id, sampler), out var t) && t.OptunaWallSeconds is { } o ? $" {Format.Sig3(o)} |" : " - |");
                }
            }

            sb.AppendLine();
        }

        sb.AppendLine();
    }

    private static void AppendComparison(StringBuilder sb, BenchReport report)
    {
        var s = report.Settings;
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Compared with Optuna 3.1 ({Path.GetFileName(s.OptunaReference)})").AppendLine();
        sb.AppendLine("Ratio = our median / Optuna's median (below 1: we are better). Optuna's TPE is the better of `tpe` and `tpe_mv`")
          .AppendLine("(`motpe` on multi-objective functions). \"IQR\" says whether the two interquartile ranges overlap.")
          .AppendLine();
        var samplers = s.Samplers.Where(x => report.Comparison.Any(c => c.Sampler == x)).ToList();
        foreach (var budget in s.Budgets)
        {
            var rows = report.Comparison.Where(c => c.Budget == budget).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"### After {budget} trials").AppendLine();
            sb.Append("| function |");
            foreach (var sampler in samplers)
            {
                var optuna = Summaries.OptunaColumns.TryGetValue(sampler, out var cols) && cols.Length > 1 ? $"Optuna best of {string.Join("/", cols)}" : $"Optuna {sampler}";
                sb.Append(CultureInfo.InvariantCulture, $" ours {sampler} | {optuna} | ratio | IQR |");
            }

            sb.AppendLine();
            sb.Append("|---|").AppendJoin("", samplers.Select(_ => "---|---|---|---|")).AppendLine();
            foreach (var id in rows.Select(r => r.Function).Distinct().Order(StringComparer.Ordinal))
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {id} |");
                foreach (var sampler in samplers)
                {
                    var c = rows.FirstOrDefault(r => r.Function == id && r.Sampler == sampler);
                    if (c is null)
                    {
                        sb.Append(" - | - | - | - |");
                        continue;
                    }

                    var ours = Format.Cell(new Quartiles(1, c.Median, c.Q25, c.Q75, c.Median));
                    var theirs = Format.Cell(new Quartiles(1, c.OptunaMedian, c.OptunaQ25, c.OptunaQ75, c.OptunaMedian));
                    var label = c.OptunaSampler == sampler ? "" : $" ({c.OptunaSampler})";
                    sb.Append(CultureInfo.InvariantCulture, $" {ours} | {theirs}{label} | {Format.Ratio(c.Median, c.OptunaMedian)} | {(c.IqrOverlap ? "overlap" : "apart")} |");
                }

                sb.AppendLine();
            }

            sb.AppendLine();
        }
    }
}
