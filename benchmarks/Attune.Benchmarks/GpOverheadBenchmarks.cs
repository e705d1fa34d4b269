using Attune.Samplers;
using Attune.Storage.InMemory;
using BenchmarkDotNet.Attributes;

namespace Attune.Benchmarks;

/// <summary>
/// The time <see cref="GpSampler"/> adds to one trial — Ask (fit or update the GP, maximize LogEI),
/// six suggestions and Tell — on a six-parameter study (Hartmann's function) that already holds
/// <see cref="ExistingTrials"/> complete trials. Every iteration starts from a fresh copy of the
/// study and one unmeasured trial (which fits the hyperparameters from scratch), then measures
/// <see cref="TrialsPerIteration"/> trials, so the mean includes the warm-started refits at their
/// real rate (every 4th trial at 200, every 20th at 1,000 with the default refit fraction 0.02).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6, invocationCount: TrialsPerIteration)]
public class GpOverheadBenchmarks
{
    /// <summary>Measured trials per iteration: one full refit period at 1,000 trials.</summary>
    public const int TrialsPerIteration = 20;

    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] A =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] P =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
        { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
        { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    private Study template = null!;
    private Study study = null!;

    /// <summary>How many complete trials the study holds before the measured ones.</summary>
    [Params(200, 1000)]
    public int ExistingTrials { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        // The existing trials come from random search (a GP run to 1,000 trials would take minutes per setup).
        template = Study.Create(new StudyOptions { Name = "gp-bench", StorageInstance = new InMemoryStorage(), Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        template.Optimize(Hartmann6, new OptimizeOptions { Trials = ExistingTrials });
    }

    [IterationSetup]
    public void IterationSetup()
    {
        var storage = new InMemoryStorage();
        Study.Copy("gp-bench", template.StorageBackend, storage);
        study = Study.Load("gp-bench", storage, new GpSampler(new GpSamplerOptions { Seed = 1 }));
        AskSuggestTell();
    }

    /// <summary>One trial: ask, suggest six parameters, tell.</summary>
    [Benchmark]
    public void AskSuggestTell()
    {
        var trial = study.Ask();
        study.Tell(trial, Hartmann6(trial));
    }

    private static double Hartmann6(Trial trial)
    {
        Span<double> x = stackalloc double[6];
        for (var j = 0; j < 6; j++)
        {
            x[j] = trial.SuggestFloat(Names[j], 0, 1);
        }

        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++)
            {
                inner += A[i, j] * (x[j] - P[i, j]) * (x[j] - P[i, j]);
            }

            sum -= Alpha[i] * Math.Exp(-inner);
        }

        return sum;
    }

    private static readonly string[] Names = ["x0", "x1", "x2", "x3", "x4", "x5"];
}
