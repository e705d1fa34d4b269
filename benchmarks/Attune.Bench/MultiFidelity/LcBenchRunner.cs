using System.Collections.Concurrent;
using System.Diagnostics;

namespace Attune.Bench.MultiFidelity;

/// <summary>
/// Runs the lcbench protocol of shared/bench/optuna-3.1-lcbench.md: each trial suggests a
/// configuration, reports val_accuracy at epochs 1 … 52 (maximised) and asks the pruner after every
/// report; a pruned trial costs the epochs it reached; a run stops at the first epoch where the
/// epochs spent reach the budget, truncating the trial in flight (told Fail).
/// </summary>
public sealed class LcBenchRunner
{
    /// <summary>The fractions of the budget at which regret is reported.</summary>
    public static readonly IReadOnlyList<double> Fractions = [0.25, 0.5, 1.0];

    private readonly LcBenchSurrogate surrogate;

    /// <summary>Creates a runner.</summary>
    /// <param name="surrogate">The surrogate.</param>
    public LcBenchRunner(LcBenchSurrogate surrogate)
    {
        ArgumentNullException.ThrowIfNull(surrogate);
        this.surrogate = surrogate;
    }

    /// <summary>YAHPO-SO's budget for lcbench: (20 + 40·√7)·52 ≈ 6543.2 epochs.</summary>
    public static double Budget { get; } = (20 + (40 * Math.Sqrt(7))) * LcBenchSurrogate.Epochs;

    /// <summary>Runs every task × method × seed, <paramref name="parallel"/> runs at a time.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="methods">The methods.</param>
    /// <param name="seeds">Seeds 0 … seeds − 1.</param>
    /// <param name="parallel">Runs at once.</param>
    /// <param name="log">Receives a line when a method is done on a task.</param>
    /// <returns>The runs, ordered by task, method and seed.</returns>
    public IReadOnlyList<LcBenchRun> RunAll(IReadOnlyList<LcBenchTask> tasks, IReadOnlyList<MultiFidelityMethod> methods, int seeds, int parallel, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(methods);
        var work = (from task in tasks from method in methods from seed in Enumerable.Range(0, seeds) select (task, method, seed)).ToList();
        var results = new LcBenchRun[work.Count];
        var remaining = new ConcurrentDictionary<(string, string), int>();
        foreach (var (task, method, _) in work)
        {
            remaining.AddOrUpdate((task.Id, method.Name), 1, (_, n) => n + 1);
        }

        Parallel.ForEach(
            Partitioner.Create(Enumerable.Range(0, work.Count), EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = parallel },
            i =>
            {
                var (task, method, seed) = work[i];
                results[i] = Run(task, method, seed);
                if (remaining.AddOrUpdate((task.Id, method.Name), 0, (_, n) => n - 1) == 0)
                {
                    var done = results.Where(r => r is not null && r.Task == task.Id && r.Method == method.Name).ToList();
                    log?.Invoke($"done: {task.Id} / {method.Name} ({seeds} seeds, {done.Average(r => r.WallSeconds):F1} s per run)");
                }
            });
        return results;
    }

    /// <summary>Runs one study until the budget is spent.</summary>
    /// <param name="task">The task.</param>
    /// <param name="method">The sampler and pruner.</param>
    /// <param name="seed">The sampler's seed.</param>
    /// <returns>The run.</returns>
    public LcBenchRun Run(LcBenchTask task, MultiFidelityMethod method, int seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(method);
        var start = Stopwatch.GetTimestamp();
        using var study = Study.Create(new StudyOptions
        {
            Name = $"lcbench-{task.Id}-{method.Name}-seed{seed}",
            Direction = StudyDirection.Maximize,
            Sampler = method.Sampler(seed),
            Pruner = method.Pruner(),
        });
        var spent = 0L;
        var trials = 0;
        var completions = new List<Completion>();
        while (spent < Budget)
        {
            var trial = study.Ask();
            trials++;
            var curve = new LazyCurve(surrogate, task, LcBenchConfig.Suggest(trial));
            var state = TrialState.Fail;
            for (var epoch = 1; epoch <= LcBenchSurrogate.Epochs; epoch++)
            {
                spent++;
                trial.Report(curve[epoch], epoch);
                if (spent >= Budget && epoch < LcBenchSurrogate.Epochs)
                {
                    break;
                }

                if (trial.ShouldPrune())
                {
                    state = TrialState.Pruned;
                    break;
                }

                if (epoch == LcBenchSurrogate.Epochs)
                {
                    state = TrialState.Complete;
                }
            }

            if (state == TrialState.Complete)
            {
                var final = curve[LcBenchSurrogate.Epochs];
                study.Tell(trial, final);
                completions.Add(new Completion(spent, final));
            }
            else
            {
                study.Tell(trial, state);
            }
        }

        return new LcBenchRun
        {
            Task = task.Id,
            Method = method.Name,
            Seed = seed,
            Trials = trials,
            Completed = completions.Count,
            Epochs = spent,
            Regrets = Fractions.Select(f => task.Regret(BestWithin(completions, f * Budget))).ToArray(),
            Completions = completions,
            WallSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds,
        };
    }

    /// <summary>The best value among trials that completed within <paramref name="epochs"/>, or NaN.</summary>
    /// <param name="completions">The completions in order.</param>
    /// <param name="epochs">The epochs.</param>
    /// <returns>The best val_accuracy.</returns>
    public static double BestWithin(IReadOnlyList<Completion> completions, double epochs)
    {
        ArgumentNullException.ThrowIfNull(completions);
        var best = double.NaN;
        foreach (var c in completions)
        {
            if (c.Epochs <= epochs && (double.IsNaN(best) || c.Value > best))
            {
                best = c.Value;
            }
        }

        return best;
    }
}
