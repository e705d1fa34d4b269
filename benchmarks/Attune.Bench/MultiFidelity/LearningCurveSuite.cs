using System.Globalization;
using System.Text;
using Attune.Bench.Functions;
using Attune.Bench.Runner;
using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Bench.MultiFidelity;

/// <summary>
/// <c>--suite learning-curve</c>: samplers × pruners on the synthetic learning_curve function
/// (FUNCTIONS.md), 100 trials of up to 100 steps per run, with the columns of Optuna 3.1's pruner
/// table (data/optuna-3.1-learning-curve.md) beside Optuna's numbers.
/// </summary>
public static class LearningCurveSuite
{
    /// <summary>Trials per run.</summary>
    public const int Trials = 100;

    /// <summary>The step budgets of the equal-compute columns.</summary>
    public static readonly IReadOnlyList<int> StepBudgets = [1000, 2000, 5000];

    /// <summary>The samplers by name (Optuna's <c>tpe</c> is TPESampler(seed), which is univariate).</summary>
    public static IReadOnlyDictionary<string, Func<int, Sampler>> Samplers { get; } = new Dictionary<string, Func<int, Sampler>>(StringComparer.Ordinal)
    {
        ["tpe"] = seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = false }),
        ["random"] = seed => new RandomSampler(new RandomSamplerOptions { Seed = seed }),
    };

    /// <summary>The pruners by name (Optuna's settings of the table).</summary>
    public static IReadOnlyDictionary<string, Func<Pruner>> Pruners { get; } = new Dictionary<string, Func<Pruner>>(StringComparer.Ordinal)
    {
        ["none"] = () => new NopPruner(),
        ["median"] = () => new MedianPruner(),
        ["median_warmup20"] = () => new MedianPruner(new() { StartupTrials = 5, WarmupSteps = 20 }),
        ["sha"] = () => new SuccessiveHalvingPruner(),
        ["hyperband"] = () => new HyperbandPruner(new() { MinResource = 1, MaxResource = LearningCurve.Steps, ReductionFactor = 3 }),
        ["hyperband_bracket"] = () => new HyperbandPruner(new() { MinResource = 1, MaxResource = LearningCurve.Steps, ReductionFactor = 3, SamplerTrials = HyperbandSamplerTrials.Bracket }),
    };

    /// <summary>One run's figures.</summary>
    /// <param name="Sampler">The sampler name.</param>
    /// <param name="Pruner">The pruner name.</param>
    /// <param name="Seed">The seed.</param>
    /// <param name="Steps">Steps reported in all.</param>
    /// <param name="Pruned">Pruned trials.</param>
    /// <param name="Regret">Regret of the best completed trial.</param>
    /// <param name="RegretWithin">Regret counting trials that finished within each of <see cref="StepBudgets"/> (NaN when the run used fewer steps or no trial completed within them).</param>
    public sealed record Run(string Sampler, string Pruner, int Seed, long Steps, int Pruned, double Regret, IReadOnlyList<double> RegretWithin);

    /// <summary>Runs the suite and prints the table.</summary>
    /// <param name="args">The arguments after <c>--suite learning-curve</c>: [--seeds N] [--parallel N] [--samplers a,b] [--pruners a,b].</param>
    /// <param name="output">Where the Markdown goes.</param>
    /// <param name="log">Where progress goes.</param>
    /// <returns>The exit code.</returns>
    public static int RunSuite(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var seeds = 10;
        var parallel = Environment.ProcessorCount;
        IReadOnlyList<string> samplers = Samplers.Keys.ToArray();
        IReadOnlyList<string> pruners = Pruners.Keys.ToArray();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--seeds":
                    seeds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--parallel":
                    parallel = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--samplers":
                    samplers = args[i + 1].Split(',');
                    break;
                case "--pruners":
                    pruners = args[i + 1].Split(',');
                    break;
                default:
                    log.WriteLine($"Unknown option '{args[i]}'; use --seeds, --parallel, --samplers, --pruners.");
                    return 2;
            }
        }

        var unknown = samplers.Where(s => !Samplers.ContainsKey(s)).Concat(pruners.Where(p => !Pruners.ContainsKey(p))).ToList();
        if (unknown.Count > 0)
        {
            log.WriteLine($"Unknown sampler or pruner: {string.Join(", ", unknown)}; samplers: {string.Join(", ", Samplers.Keys)}; pruners: {string.Join(", ", Pruners.Keys)}.");
            return 2;
        }

        var work = (from s in samplers from p in pruners from seed in Enumerable.Range(0, seeds) select (s, p, seed)).ToList();
        var runs = new Run[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, i => runs[i] = RunOne(work[i].s, work[i].p, work[i].seed));
        log.WriteLine($"done: {work.Count} runs");
        output.Write(Render(runs, samplers, pruners, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "optuna-3.1-learning-curve.md"))));
        return 0;
    }

    /// <summary>Runs 100 trials of learning_curve with a sampler and a pruner.</summary>
    /// <param name="sampler">The sampler name.</param>
    /// <param name="pruner">The pruner name.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The run's figures.</returns>
    public static Run RunOne(string sampler, string pruner, int seed)
    {
        var function = new LearningCurve();
        using var study = Study.Create(new StudyOptions
        {
            Name = $"learning_curve-{sampler}-{pruner}-seed{seed}",
            Sampler = Samplers[sampler](seed),
            Pruner = Pruners[pruner](),
        });
        study.Optimize(function.Evaluate, new OptimizeOptions { Trials = Trials });
        var optimum = function.Optimum!.Value;
        var steps = 0L;
        var best = double.PositiveInfinity;
        var within = StepBudgets.Select(_ => double.PositiveInfinity).ToArray();
        foreach (var trial in study.Trials)
        {
            steps += trial.IntermediateValues.Count;
            if (trial is { State: TrialState.Complete, Value: { } value })
            {
                best = Math.Min(best, value);
                for (var k = 0; k < within.Length; k++)
                {
                    if (steps <= StepBudgets[k])
                    {
                        within[k] = Math.Min(within[k], value);
                    }
                }
            }
        }

        return new Run(
            sampler,
            pruner,
            seed,
            steps,
            study.Trials.Count(t => t.State == TrialState.Pruned),
            best - optimum,
            within.Select((v, k) => steps < StepBudgets[k] || double.IsPositiveInfinity(v) ? double.NaN : v - optimum).ToArray());
    }

    /// <summary>The regret within a step budget over the runs that used at least that many steps ("-" when none did), with their count when not all did.</summary>
    private static string Within(List<Run> group, int k)
    {
        var reached = group.Where(r => !double.IsNaN(r.RegretWithin[k])).ToList();
        var cell = reached.Count == 0 ? "-" : Format.Cell(Quartiles.Of(reached.Select(r => r.RegretWithin[k])));
        return reached.Count is > 0 && reached.Count < group.Count ? $"{cell} ({reached.Count}/{group.Count})" : cell;
    }

    private static string Render(IReadOnlyList<Run> runs, IReadOnlyList<string> samplers, IReadOnlyList<string> pruners, string optunaMarkdown)
    {
        var optuna = new Dictionary<(string, string), string[]>();
        foreach (var line in optunaMarkdown.Split('\n'))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length == 9 && cells[0] is "random" or "tpe")
            {
                optuna[(cells[0], cells[1])] = cells;
            }
        }

        var text = new StringBuilder();
        text.Append("## learning_curve: samplers x pruners, 100 trials (ours; Optuna 3.1 below each row)\n\n");
        text.Append("| sampler | pruner | steps used | pruned trials | regret@100 trials | regret@1000 steps | regret@2000 steps | regret@5000 steps |\n");
        text.Append("|---|---|---|---|---|---|---|---|\n");
        foreach (var s in samplers)
        {
            foreach (var p in pruners)
            {
                var group = runs.Where(r => r.Sampler == s && r.Pruner == p).ToList();
                var within = Enumerable.Range(0, StepBudgets.Count).Select(k => Within(group, k)).ToArray();
                text.Append(CultureInfo.InvariantCulture, $"| {s} | {p} | {Format.Cell(Quartiles.Of(group.Select(r => (double)r.Steps)))} | {Format.Sig3(Quartiles.Of(group.Select(r => (double)r.Pruned)).Median)} | {Format.Cell(Quartiles.Of(group.Select(r => r.Regret)))} | {within[0]} | {within[1]} | {within[2]} |\n");
                if (optuna.TryGetValue((s, p), out var o))
                {
                    text.Append(CultureInfo.InvariantCulture, $"| *Optuna* | *{p}* | {o[2]} | {o[3]} | {o[4]} | {o[5]} | {o[6]} | {o[7]} |\n");
                }
            }
        }

        return text.ToString();
    }
}
