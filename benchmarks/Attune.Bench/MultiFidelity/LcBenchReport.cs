using System.Globalization;
using System.Text;
using Attune.Bench.Runner;

namespace Attune.Bench.MultiFidelity;

/// <summary>Markdown tables of an lcbench run beside Optuna 3.1's numbers.</summary>
public static class LcBenchReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="cells">Our summaries.</param>
    /// <param name="methods">The methods run, in table order.</param>
    /// <param name="reference">Optuna's numbers.</param>
    /// <param name="targets">The target regret per task (Optuna's random-search median final regret).</param>
    /// <param name="seeds">Seeds per method and task.</param>
    /// <returns>The Markdown.</returns>
    public static string Render(
        IReadOnlyList<LcBenchCell> cells, IReadOnlyList<MultiFidelityMethod> methods, LcBenchReference reference, IReadOnlyDictionary<string, double> targets, int seeds)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(targets);
        var text = new StringBuilder();
        var tasks = cells.Select(c => c.Task).Distinct().ToList();
        Line(text, $"## lcbench (YAHPO Gym surrogate, val_accuracy), {seeds} seeds, budget {Fmt(LcBenchRunner.Budget, "F1")} epochs");
        Line(text);
        Line(text, "Normalised regret (max_inst − best) / (max_inst − min_inst), median [25th, 75th percentile] over seeds, beside Optuna 3.1's median at 100 %. ");
        Line(text, "'Epochs to RS': epochs until the regret reaches random search's median final regret in Optuna's run (the target), on the median-over-seeds curve, then the median of per-seed first hits (seeds that got there). Optuna's figures in parentheses.");
        Line(text);
        Line(text, "| task | method | 25 % | 50 % | 100 % | Optuna 100 % | epochs to RS, median curve (Optuna) | per-seed median, reached (Optuna) | trials / complete (Optuna) |");
        Line(text, "|---|---|---|---|---|---|---|---|---|");
        foreach (var cell in cells)
        {
            var optuna = reference.Find(cell.Task, methods.First(m => m.Name == cell.Method).OptunaLetter);
            Line(
                text,
                $"| {cell.Task} | {cell.Label} | {Regret(cell.Regrets[0])} | {Regret(cell.Regrets[1])} | {Regret(cell.Regrets[2])} | {optuna?.Cells[2] ?? "-"} " +
                $"| {Epochs(cell.EpochsToTarget)} ({optuna?.Cells[3] ?? "-"}) | {Epochs(cell.PerSeedEpochsToTarget)} ({cell.SeedsReached}/{cell.Seeds}) ({optuna?.Cells[4] ?? "-"}) " +
                $"| {Fmt(cell.MedianTrials, "F0")} / {Fmt(cell.MedianCompleted, "F0")} ({optuna?.Cells[5] ?? "-"}) |");
        }

        Line(text);
        Line(text, "### Mean final regret over the tasks (median over seeds per task, then the mean over tasks)");
        Line(text);
        Line(text, "| method | ours | Optuna 3.1 | ours − Optuna | matches or beats |");
        Line(text, "|---|---|---|---|---|");
        foreach (var method in methods)
        {
            var ours = MeanFinal(cells.Where(c => c.Method == method.Name));
            var optunaRows = tasks.Select(t => reference.Find(t, method.OptunaLetter)).ToList();
            var theirs = optunaRows.All(r => r is not null) && optunaRows.Count > 0 ? optunaRows.Average(r => r!.MedianRegrets[2]) : double.NaN;
            var verdict = double.IsNaN(theirs) ? "-" : ours <= theirs ? "yes" : "no";
            Line(text, $"| {method.Label} | {Fmt(ours, "F4")} | {(double.IsNaN(theirs) ? "-" : Fmt(theirs, "F4"))} | {(double.IsNaN(theirs) ? "-" : Fmt(ours - theirs, "+0.0000;-0.0000"))} | {verdict} |");
        }

        Line(text);
        Line(text, "### Epochs until random search's final regret (median-over-seeds curve)");
        Line(text);
        Line(text, "| task | target regret | Optuna's fastest method | epochs | 2/3 of that | our fastest method | epochs | ours / Optuna |");
        Line(text, "|---|---|---|---|---|---|---|---|");
        foreach (var task in tasks)
        {
            var fastestOptuna = reference.Rows.Where(r => r.Task == task).OrderBy(r => r.EpochsToTarget).FirstOrDefault();
            var fastestOurs = cells.Where(c => c.Task == task).OrderBy(c => c.EpochsToTarget).First();
            var theirs = fastestOptuna?.EpochsToTarget ?? double.NaN;
            Line(
                text,
                $"| {task} | {Fmt(targets[task], "F4")} | {fastestOptuna?.Label ?? "-"} | {Epochs(theirs)} | {Epochs(Math.Floor(theirs * 2 / 3))} " +
                $"| {fastestOurs.Label} | {Epochs(fastestOurs.EpochsToTarget)} | {Fmt(fastestOurs.EpochsToTarget / theirs, "F2")} |");
        }

        Line(text);
        Line(text, "Mean wall time per run (s): " + string.Join(", ", methods.Select(m => $"{m.Name} {Fmt(cells.Where(c => c.Method == m.Name).Select(c => c.MeanWallSeconds).DefaultIfEmpty(double.NaN).Average(), "F1")}")) + ".");
        return text.ToString();
    }

    /// <summary>The mean over tasks of the median final regret.</summary>
    /// <param name="cells">One method's cells.</param>
    /// <returns>The mean, or NaN.</returns>
    public static double MeanFinal(IEnumerable<LcBenchCell> cells) =>
        cells.Select(c => c.Regrets[2].Median).DefaultIfEmpty(double.NaN).Average();

    private static string Regret(Quartiles q) => q.Count == 0 ? "-" : $"{Fmt(q.Median, "F4")} [{Fmt(q.Q25, "F4")}, {Fmt(q.Q75, "F4")}]";

    private static string Epochs(double epochs) => double.IsPositiveInfinity(epochs) ? "not reached" : double.IsNaN(epochs) ? "-" : Fmt(epochs, "N0");

    private static string Fmt(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
