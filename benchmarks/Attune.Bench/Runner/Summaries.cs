using Attune.Bench.Functions;

namespace Attune.Bench.Runner;

/// <summary>Turns runs into the summary, timing and comparison rows.</summary>
public static class Summaries
{
    /// <summary>
    /// The Optuna columns each of our samplers is compared with; the best (lowest median) of the list
    /// is taken. A sampler not listed is compared with the column of its own name. Optuna's TPE on a
    /// multi-objective study is <c>motpe</c> (univariate by default in 3.1).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> OptunaColumns { get; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["random"] = ["random"],
        ["qmc"] = ["qmc"],
        ["tpe"] = ["tpe", "tpe_mv", "motpe"],
        ["tpe_uni"] = ["tpe", "motpe"],
        ["tpe_wide"] = ["tpe", "tpe_mv", "motpe"],
        ["cmaes"] = ["cmaes"],
        ["nsga2"] = ["nsga2"],

        // Optuna 3.1 has no GP sampler: GP is compared with the best of all its single-objective samplers.
        ["gp"] = ["random", "tpe", "tpe_mv", "cmaes", "qmc"],
        ["gp-ucb"] = ["random", "tpe", "tpe_mv", "cmaes", "qmc"],
        ["gp-nowarp"] = ["random", "tpe", "tpe_mv", "cmaes", "qmc"],
        ["gp-hvarfner"] = ["random", "tpe", "tpe_mv", "cmaes", "qmc"],
        ["gp-det"] = ["random", "tpe", "tpe_mv", "cmaes", "qmc"],
        ["gp-effort"] = ["random", "tpe", "tpe_mv", "cmaes", "qmc"],
    };

    /// <summary>Median and quartiles per function, sampler and budget.</summary>
    /// <param name="runs">The runs.</param>
    /// <param name="functions">The functions (for the metric name), in report order.</param>
    /// <param name="samplers">The samplers, in report order.</param>
    /// <param name="budgets">The budgets.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<SummaryRow> Summarize(
        IReadOnlyList<RunResult> runs, IReadOnlyList<BenchmarkFunction> functions, IReadOnlyList<string> samplers, IReadOnlyList<int> budgets)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(samplers);
        ArgumentNullException.ThrowIfNull(budgets);
        var rows = new List<SummaryRow>();
        foreach (var function in functions)
        {
            foreach (var sampler in samplers)
            {
                var mine = runs.Where(r => r.Function == function.Id && r.Sampler == sampler).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                foreach (var budget in budgets)
                {
                    var q = Quartiles.Of(mine.Select(r => r.Scores.First(s => s.Budget == budget).Score));
                    rows.Add(new SummaryRow
                    {
                        Function = function.Id,
                        Metric = function.IsMultiObjective ? "hv_gap" : "simple_regret",
                        Sampler = sampler,
                        Budget = budget,
                        Seeds = q.Count,
                        Median = q.Median,
                        Q25 = q.Q25,
                        Q75 = q.Q75,
                        Mean = q.Mean,
                    });
                }
            }
        }

        return rows;
    }

    /// <summary>Mean wall time per run and per trial, per function and sampler, and over all functions (<c>all</c>).</summary>
    /// <param name="runs">The runs.</param>
    /// <param name="reference">Optuna's numbers, for its wall times; may be <see langword="null"/>.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<TimingRow> Timings(IReadOnlyList<RunResult> runs, OptunaReference? reference)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var rows = new List<TimingRow>();
        foreach (var group in runs.GroupBy(r => (r.Function, r.Sampler)))
        {
            var trials = group.Max(r => r.Trials);
            rows.Add(new TimingRow
            {
                Function = group.Key.Function,
                Sampler = group.Key.Sampler,
                Trials = trials,
                MeanWallSeconds = group.Average(r => r.WallSeconds),
                MeanMsPerTrial = group.Average(r => 1000 * r.WallSeconds / Math.Max(1, r.Trials)),
                OptunaWallSeconds = reference is not null && reference.WallTimeBudget == trials
                    ? reference.WallSeconds(group.Key.Function, group.Key.Sampler)
                    : null,
            });
        }

        foreach (var group in runs.GroupBy(r => r.Sampler))
        {
            rows.Add(new TimingRow
            {
                Function = "all",
                Sampler = group.Key,
                Trials = group.Max(r => r.Trials),
                MeanWallSeconds = group.Average(r => r.WallSeconds),
                MeanMsPerTrial = group.Average(r => 1000 * r.WallSeconds / Math.Max(1, r.Trials)),
            });
        }

        return rows;
    }

    /// <summary>Our median beside Optuna's (best of the mapped columns) for every row that has both.</summary>
    /// <param name="summary">Our summary rows.</param>
    /// <param name="reference">Optuna's numbers.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<ComparisonRow> Compare(IReadOnlyList<SummaryRow> summary, OptunaReference reference)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(reference);
        var rows = new List<ComparisonRow>();
        foreach (var row in summary)
        {
            var columns = OptunaColumns.TryGetValue(row.Sampler, out var mapped) ? mapped : [row.Sampler];
            if (row.Seeds == 0 || reference.Best(row.Function, row.Budget, columns) is not { } best)
            {
                continue;
            }

            rows.Add(new ComparisonRow
            {
                Function = row.Function,
                Budget = row.Budget,
                Sampler = row.Sampler,
                Median = row.Median,
                Q25 = row.Q25,
                Q75 = row.Q75,
                OptunaSampler = best.Sampler,
                OptunaMedian = best.Cell.Median,
                OptunaQ25 = best.Cell.Q25,
                OptunaQ75 = best.Cell.Q75,
                Ratio = best.Cell.Median == 0 ? (row.Median == 0 ? 1 : double.PositiveInfinity) : row.Median / best.Cell.Median,
                IqrOverlap = row.Q25 <= best.Cell.Q75 && best.Cell.Q25 <= row.Q75,
            });
        }

        return rows;
    }
}
