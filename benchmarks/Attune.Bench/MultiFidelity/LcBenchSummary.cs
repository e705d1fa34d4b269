using Attune.Bench.Runner;

namespace Attune.Bench.MultiFidelity;

/// <summary>A method on a task across seeds.</summary>
/// <param name="Task">The task id.</param>
/// <param name="Method">The method name.</param>
/// <param name="Label">The method label.</param>
/// <param name="Regrets">Quartiles of the regret at 25, 50 and 100 % of the budget.</param>
/// <param name="EpochsToTarget">Epochs until the median-over-seeds regret first reaches the target; +∞ when it does not.</param>
/// <param name="PerSeedEpochsToTarget">The median over seeds of each seed's first epoch at the target (+∞ for seeds that never get there).</param>
/// <param name="SeedsReached">Seeds that reached the target.</param>
/// <param name="Seeds">Seeds run.</param>
/// <param name="MedianTrials">The median number of trials.</param>
/// <param name="MedianCompleted">The median number of completed trials.</param>
/// <param name="MeanWallSeconds">The mean wall time of a run.</param>
public sealed record LcBenchCell(
    string Task,
    string Method,
    string Label,
    IReadOnlyList<Quartiles> Regrets,
    double EpochsToTarget,
    double PerSeedEpochsToTarget,
    int SeedsReached,
    int Seeds,
    double MedianTrials,
    double MedianCompleted,
    double MeanWallSeconds);

/// <summary>Summaries of lcbench runs: regret quartiles and the epochs needed to reach a target regret.</summary>
public static class LcBenchSummary
{
    /// <summary>Summarizes every task × method.</summary>
    /// <param name="runs">The runs.</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="methods">The methods, in table order.</param>
    /// <param name="targets">The target regret per task (random search's median final regret).</param>
    /// <returns>One cell per task and method.</returns>
    public static IReadOnlyList<LcBenchCell> Summarize(
        IReadOnlyList<LcBenchRun> runs, IReadOnlyList<LcBenchTask> tasks, IReadOnlyList<MultiFidelityMethod> methods, IReadOnlyDictionary<string, double> targets)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(targets);
        var cells = new List<LcBenchCell>();
        foreach (var task in tasks)
        {
            foreach (var method in methods)
            {
                var group = runs.Where(r => r.Task == task.Id && r.Method == method.Name).ToList();
                if (group.Count == 0)
                {
                    continue;
                }

                var target = targets[task.Id];
                var perSeed = group.Select(r => FirstEpochAtOrBelow(r, task, target)).ToList();
                cells.Add(new LcBenchCell(
                    task.Id,
                    method.Name,
                    method.Label,
                    Enumerable.Range(0, LcBenchRunner.Fractions.Count).Select(i => Quartiles.Of(group.Select(r => r.Regrets[i]))).ToArray(),
                    MedianCurveFirstEpoch(group, task, target),
                    Median(perSeed),
                    perSeed.Count(double.IsFinite),
                    group.Count,
                    Median(group.Select(r => (double)r.Trials).ToList()),
                    Median(group.Select(r => (double)r.Completed).ToList()),
                    group.Average(r => r.WallSeconds)));
            }
        }

        return cells;
    }

    /// <summary>The regret of a run after <paramref name="epochs"/> epochs.</summary>
    /// <param name="run">The run.</param>
    /// <param name="task">Its task.</param>
    /// <param name="epochs">The epochs.</param>
    /// <returns>The regret; 1 before the first completed trial.</returns>
    public static double RegretAt(LcBenchRun run, LcBenchTask task, double epochs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(task);
        return task.Regret(LcBenchRunner.BestWithin(run.Completions, epochs));
    }

    /// <summary>The first epoch at which the run's regret is at most <paramref name="target"/>, or +∞.</summary>
    /// <param name="run">The run.</param>
    /// <param name="task">Its task.</param>
    /// <param name="target">The target regret.</param>
    /// <returns>The epoch.</returns>
    public static double FirstEpochAtOrBelow(LcBenchRun run, LcBenchTask task, double target)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(task);
        foreach (var c in run.Completions)
        {
            if (task.Regret(c.Value) <= target)
            {
                return c.Epochs;
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>The first epoch at which the median over runs of the regret is at most <paramref name="target"/>, or +∞.</summary>
    /// <param name="runs">The runs (seeds).</param>
    /// <param name="task">Their task.</param>
    /// <param name="target">The target regret.</param>
    /// <returns>The epoch.</returns>
    public static double MedianCurveFirstEpoch(IReadOnlyList<LcBenchRun> runs, LcBenchTask task, double target)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var epochs = runs.SelectMany(r => r.Completions.Select(c => c.Epochs)).Distinct().Order();
        foreach (var e in epochs)
        {
            if (Median(runs.Select(r => RegretAt(r, task, e)).ToList()) <= target)
            {
                return e;
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>The median, averaging the two middle values of an even count; +∞ values count as largest.</summary>
    /// <param name="values">The values, at least one.</param>
    /// <returns>The median.</returns>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
