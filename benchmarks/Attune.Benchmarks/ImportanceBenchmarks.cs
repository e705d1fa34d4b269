using Attune.Importances;
using Attune.Randomness;
using BenchmarkDotNet.Attributes;

namespace Attune.Benchmarks;

/// <summary>
/// The cost of hyperparameter importance on a large study: <see cref="Trials"/> complete trials of 20
/// float parameters (an additive function of the first five plus an interaction), evaluated by each
/// evaluator with its default options.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ImportanceBenchmarks
{
    private const int Parameters = 20;
    private Study study = null!;

    /// <summary>How many complete trials the study holds.</summary>
    [Params(1_000, 10_000)]
    public int Trials { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        var random = new SeededRandom(11);
        var distribution = new FloatDistribution(0, 1);
        var names = Enumerable.Range(0, Parameters).Select(i => $"x{i:00}").ToArray();
        var distributions = names.ToDictionary(n => n, _ => (Distribution)distribution);
        study = Study.Create();
        for (var t = 0; t < Trials; t++)
        {
            var x = new double[Parameters];
            var parameters = new Dictionary<string, object?>();
            for (var i = 0; i < Parameters; i++)
            {
                x[i] = random.NextDouble();
                parameters[names[i]] = x[i];
            }

            var value = (5 * x[0]) + (3 * x[1]) + (2 * x[2] * x[3]) + Math.Sin(6 * x[4]);
            study.AddTrial(new TrialRecord { State = TrialState.Complete, Value = value, Params = parameters, Distributions = distributions });
        }
    }

    [Benchmark]
    public IReadOnlyDictionary<string, double> Fanova() => new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = 1 }).Evaluate(study);

    [Benchmark]
    public IReadOnlyDictionary<string, double> MeanDecreaseImpurity() =>
        new MeanDecreaseImpurityImportanceEvaluator(new MeanDecreaseImpurityImportanceEvaluatorOptions { Seed = 1 }).Evaluate(study);

    [Benchmark]
    public IReadOnlyDictionary<string, double> PedAnova() => new PedAnovaImportanceEvaluator().Evaluate(study);
}
