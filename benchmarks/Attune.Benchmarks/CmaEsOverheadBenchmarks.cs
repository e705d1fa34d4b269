using Attune.Samplers;
using Attune.Storage.InMemory;
using BenchmarkDotNet.Attributes;

namespace Attune.Benchmarks;

/// <summary>
/// The overhead of <see cref="CmaEsSampler"/> per trial on a study that already holds
/// <see cref="ExistingTrials"/> trials of a 10-parameter objective: Ask, ten float suggestions and Tell,
/// beside the random sampler on the same study. The CMA-ES state of the prepared study is at generation
/// ~100, so every measured trial claims a candidate and every tenth tells a generation.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: TrialsPerIteration)]
public class CmaEsOverheadBenchmarks
{
    private const int TrialsPerIteration = 200;
    private const int Dimension = 10;

    private static readonly string[] Names = [.. Enumerable.Range(0, Dimension).Select(i => $"x{i}")];

    private Study study = null!;

    /// <summary>The sampler.</summary>
    [Params("random", "cmaes")]
    public string Sampler { get; set; } = "cmaes";

    /// <summary>How many trials the study holds before the measured ones.</summary>
    [Params(1_000)]
    public int ExistingTrials { get; set; }

    [IterationSetup]
    public void IterationSetup()
    {
        study = Study.Create(new StudyOptions { Name = "bench", StorageInstance = new InMemoryStorage(), Sampler = Create(Sampler) });
        for (var i = 0; i < ExistingTrials; i++)
        {
            AskSuggestTell();
        }
    }

    /// <summary>One trial: ask, suggest ten floats, tell the sphere.</summary>
    [Benchmark]
    public void AskSuggestTell()
    {
        var trial = study.Ask();
        var sum = 0.0;
        foreach (var name in Names)
        {
            var x = trial.SuggestFloat(name, -5, 5);
            sum += x * x;
        }

        study.Tell(trial, sum);
    }

    private static Sampler Create(string name) => name == "cmaes"
        ? new CmaEsSampler(new CmaEsSamplerOptions { Seed = 1 })
        : new RandomSampler(new RandomSamplerOptions { Seed = 1 });
}
