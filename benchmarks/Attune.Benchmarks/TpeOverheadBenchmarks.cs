using Attune.Randomness;
using Attune.Samplers;
using Attune.Storage.InMemory;
using BenchmarkDotNet.Attributes;

namespace Attune.Benchmarks;

/// <summary>
/// The overhead of <see cref="TpeSampler"/> per trial: Ask, <see cref="Dimensions"/> float suggestions and Tell, on an
/// in-memory study that already holds <see cref="ExistingTrials"/> complete trials. Every iteration
/// starts from a fresh study filled with the same trials (added with <see cref="Study.AddTrial"/>) and
/// one warm-up trial, so the sampler's per-study cache is built outside the measurement and the study
/// grows by only <see cref="TrialsPerIteration"/> trials while measured.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 6, iterationCount: 15, invocationCount: TrialsPerIteration)]
public class TpeOverheadBenchmarks
{
    private const int TrialsPerIteration = 20;
    private string[] names = [];
    private TrialRecord[] history = [];
    private Study study = null!;

    /// <summary>How many float parameters a trial suggests: 6 as Hartmann6 (the workload of Optuna's reference figures), or 10.</summary>
    [Params(6, 10)]
    public int Dimensions { get; set; } = 10;

    /// <summary>How many complete trials the study holds before the measured ones.</summary>
    [Params(100, 1_000, 10_000)]
    public int ExistingTrials { get; set; }

    /// <summary>Joint (multivariate) or one-parameter-at-a-time (univariate) TPE.</summary>
    [Params("multivariate", "univariate")]
    public string Mode { get; set; } = "multivariate";

    /// <summary>One or two objectives (MOTPE).</summary>
    [Params(1, 2)]
    public int Objectives { get; set; } = 1;

    [GlobalSetup]
    public void GlobalSetup()
    {
        names = [.. Enumerable.Range(0, Dimensions).Select(i => $"x{i}")];
        var random = new SeededRandom(7);
        var distribution = new FloatDistribution(-5, 5);
        var distributions = names.ToDictionary(n => n, _ => (Distribution)distribution);
        history = new TrialRecord[ExistingTrials];
        for (var t = 0; t < history.Length; t++)
        {
            var x = new double[Dimensions];
            var parameters = new Dictionary<string, object?>();
            for (var i = 0; i < Dimensions; i++)
            {
                x[i] = random.NextDouble(-5, 5);
                parameters[names[i]] = x[i];
            }

            history[t] = new TrialRecord { State = TrialState.Complete, Values = Evaluate(x), Params = parameters, Distributions = distributions };
        }
    }

    [IterationSetup]
    public void IterationSetup()
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, Multivariate = Mode == "multivariate" });
        study = Study.Create(new StudyOptions
        {
            StorageInstance = new InMemoryStorage(),
            Sampler = sampler,
            Directions = Objectives == 2 ? [StudyDirection.Minimize, StudyDirection.Minimize] : null,
        });
        foreach (var trial in history)
        {
            study.AddTrial(trial);
        }

        AskSuggestTell();
    }

    /// <summary>One trial: ask, suggest ten floats, tell.</summary>
    [Benchmark]
    public void AskSuggestTell()
    {
        var trial = study.Ask();
        var x = new double[Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            x[i] = trial.SuggestFloat(names[i], -5, 5);
        }

        study.Tell(trial, Evaluate(x));
    }

    private double[] Evaluate(double[] x)
    {
        double a = 0, b = 0;
        foreach (var v in x)
        {
            a += v * v;
            b += (v - 1) * (v - 1);
        }

        return Objectives == 2 ? [a, b] : [a];
    }
}
