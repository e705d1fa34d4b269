using Attune.MultiObjective;
using System.Collections.Concurrent;
using System.Diagnostics;
using Attune.Bench.Functions;
using Attune.Pruners;

namespace Attune.Bench.Runner;

/// <summary>
/// Runs every function × sampler × seed as its own in-memory study with its own sampler, in parallel
/// over runs, and scores each run after every trial.
/// </summary>
public sealed class BenchRunner
{
    private readonly SamplerRegistry registry;

    /// <summary>Creates a runner.</summary>
    /// <param name="registry">The samplers by name.</param>
    public BenchRunner(SamplerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this.registry = registry;
    }

    /// <summary>Runs every combination.</summary>
    /// <param name="functions">The functions.</param>
    /// <param name="samplers">The sampler names.</param>
    /// <param name="budgets">The budgets to score at; each run has max(budgets) trials.</param>
    /// <param name="seeds">Seeds 0 … seeds − 1.</param>
    /// <param name="parallel">Runs at once.</param>
    /// <param name="trace">Whether to keep each run's score after every trial.</param>
    /// <param name="log">Receives a line when all seeds of a function and sampler are done.</param>
    /// <returns>The runs, ordered by function, sampler and seed.</returns>
    public IReadOnlyList<RunResult> RunAll(
        IReadOnlyList<BenchmarkFunction> functions,
        IReadOnlyList<string> samplers,
        IReadOnlyList<int> budgets,
        int seeds,
        int parallel,
        bool trace,
        Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(samplers);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seeds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallel);
        var trials = budgets.Max();
        var work = new List<(BenchmarkFunction Function, string Sampler, int Seed)>();
        foreach (var function in functions)
        {
            foreach (var sampler in samplers)
            {
                for (var seed = 0; seed < seeds; seed++)
                {
                    work.Add((function, sampler, seed));
                }
            }
        }

        WarmUp(functions, samplers, Math.Min(trials, 20));
        var results = new RunResult[work.Count];
        var remaining = new ConcurrentDictionary<(string, string), int>();
        foreach (var (function, sampler, _) in work)
        {
            remaining.AddOrUpdate((function.Id, sampler), 1, (_, n) => n + 1);
        }

        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(Enumerable.Range(0, work.Count), EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = parallel },
            index =>
            {
                var (function, sampler, seed) = work[index];
                results[index] = Run(function, sampler, seed, trials, budgets, trace);
                if (remaining.AddOrUpdate((function.Id, sampler), 0, (_, n) => n - 1) == 0)
                {
                    log?.Invoke($"done: {function.Id} / {sampler} ({seeds} seeds)");
                }
            });

        return results;
    }

    /// <summary>Runs one study and scores it.</summary>
    /// <param name="function">The function.</param>
    /// <param name="sampler">The sampler name.</param>
    /// <param name="seed">The sampler's seed.</param>
    /// <param name="trials">Trials to run.</param>
    /// <param name="budgets">Budgets to score at.</param>
    /// <param name="trace">Whether to keep the score after every trial.</param>
    /// <returns>The run's result.</returns>
    public RunResult Run(BenchmarkFunction function, string sampler, int seed, int trials, IReadOnlyList<int> budgets, bool trace)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(budgets);
        var start = Stopwatch.GetTimestamp();
        var study = Study.Create(new StudyOptions
        {
            Name = $"{function.Id}-{sampler}-{seed}",
            Directions = function.Directions,
            Sampler = registry.Create(sampler, seed),
            Pruner = new NopPruner(),
        });
        study.Optimize(function.Evaluate, new OptimizeOptions { Trials = trials });
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var records = study.Trials;
        var curve = Score(function, records, out var final);
        var scores = new BudgetScore[budgets.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var n = Math.Min(budgets[i], curve.Length);
            scores[i] = new BudgetScore(budgets[i], n == 0 ? double.NaN : curve[n - 1]);
        }

        return new RunResult
        {
            Function = function.Id,
            Sampler = sampler,
            Seed = seed,
            Trials = records.Count,
            Completed = records.Count(t => t.State == TrialState.Complete),
            WallSeconds = wall,
            Scores = scores,
            Trace = trace ? curve : null,
            Final = final,
        };
    }

    /// <summary>
    /// The score after each trial: simple regret (best value so far − f*) for a single objective,
    /// HV* − HV(complete trials so far) for several. NaN before the first complete trial.
    /// </summary>
    /// <param name="function">The function.</param>
    /// <param name="trials">The study's trials in number order.</param>
    /// <param name="final">The best value, or the final hypervolume.</param>
    /// <returns>One score per trial.</returns>
    public static double[] Score(BenchmarkFunction function, IReadOnlyList<TrialRecord> trials, out double final)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(trials);
        var curve = new double[trials.Count];
        if (!function.IsMultiObjective)
        {
            var optimum = function.Optimum ?? throw new InvalidOperationException($"{function.Id} has no known optimum.");
            var best = double.PositiveInfinity;
            for (var i = 0; i < trials.Count; i++)
            {
                if (trials[i] is { State: TrialState.Complete, Value: { } value } && value < best)
                {
                    best = value;
                }

                curve[i] = double.IsPositiveInfinity(best) ? double.NaN : best - optimum;
            }

            final = best;
            return curve;
        }

        var reference = function.ReferencePoint?.ToArray() ?? throw new InvalidOperationException($"{function.Id} has no reference point.");
        var optimal = function.OptimalHypervolume ?? throw new InvalidOperationException($"{function.Id} has no HV*.");
        var front = new List<double[]>();
        var hypervolume = 0.0;
        var any = false;
        for (var i = 0; i < trials.Count; i++)
        {
            if (trials[i] is { State: TrialState.Complete, Values: { } values })
            {
                any = true;
                var point = values.ToArray();
                if (AddToFront(front, point))
                {
                    hypervolume = Hypervolume.Compute(front, reference);
                }
            }

            curve[i] = any ? optimal - hypervolume : double.NaN;
        }

        final = hypervolume;
        return curve;
    }

    private static bool AddToFront(List<double[]> front, double[] point)
    {
        foreach (var q in front)
        {
            if (WeaklyDominates(q, point))
            {
                return false;
            }
        }

        front.RemoveAll(q => WeaklyDominates(point, q));
        front.Add(point);
        return true;
    }

    private static bool WeaklyDominates(double[] a, double[] b)
    {
        for (var k = 0; k < a.Length; k++)
        {
            if (a[k] > b[k])
            {
                return false;
            }
        }

        return true;
    }

    private void WarmUp(IReadOnlyList<BenchmarkFunction> functions, IReadOnlyList<string> samplers, int trials)
    {
        // JIT-compiles every sampler and objective once so that the timed runs do not pay for it.
        foreach (var function in functions)
        {
            foreach (var sampler in samplers)
            {
                _ = Run(function, sampler, 0, trials, [trials], trace: false);
            }
        }
    }
}
