using Attune.Pruners;
using Attune.Samplers;
using Attune.Storage.InMemory;
using BenchmarkDotNet.Attributes;

namespace Attune.Benchmarks;

/// <summary>
/// One NSGA trial on ZDT1 (30 floats, two objectives, the objective Optuna's 2.3 ms a trial was measured
/// on): Ask, 30 suggestions, the objective and Tell, on an in-memory study that already holds
/// <see cref="ExistingTrials"/> trials run by the same sampler. The random sampler is the baseline: the
/// difference is what the genetic sampler adds. A fresh study is filled for every iteration.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8, invocationCount: TrialsPerIteration)]
public class NsgaOverheadBenchmarks
{
    private const int TrialsPerIteration = 500;
    private static readonly string[] Names = Enumerable.Range(0, 30).Select(i => "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private Study study = null!;

    /// <summary>The sampler.</summary>
    [Params("random", "nsga2", "nsga3")]
    public string Sampler { get; set; } = "nsga2";

    /// <summary>How many trials the study holds before the measured ones.</summary>
    [Params(1_000, 10_000)]
    public int ExistingTrials { get; set; }

    [IterationSetup]
    public void IterationSetup()
    {
        study = Study.Create(new StudyOptions
        {
            Name = "bench",
            StorageInstance = new InMemoryStorage(),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
            Sampler = Create(Sampler),
            Pruner = new NopPruner(),
        });
        for (var i = 0; i < ExistingTrials; i++)
        {
            AskSuggestTell();
        }
    }

    /// <summary>One trial: ask, suggest 30 floats, evaluate ZDT1, tell.</summary>
    [Benchmark]
    public void AskSuggestTell()
    {
        var trial = study.Ask();
        var sum = 0.0;
        var f1 = trial.SuggestFloat(Names[0], 0, 1);
        for (var i = 1; i < Names.Length; i++)
        {
            sum += trial.SuggestFloat(Names[i], 0, 1);
        }

        var g = 1 + (9 * sum / 29);
        study.Tell(trial, [f1, g * (1 - Math.Sqrt(f1 / g))]);
    }

    private static Sampler Create(string name) => name switch
    {
        "random" => new RandomSampler(new RandomSamplerOptions { Seed = 1 }),
        "nsga2" => new NsgaIISampler(new NsgaIISamplerOptions { Seed = 1 }),
        _ => new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = 1 }),
    };
}
