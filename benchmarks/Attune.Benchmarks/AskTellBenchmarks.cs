using Attune.Samplers;
using Attune.Storage.InMemory;
using Attune.Storage.Journal;
using BenchmarkDotNet.Attributes;

namespace Attune.Benchmarks;

/// <summary>
/// The overhead Attune adds to one trial: Ask, two suggestions (a float and an int) and Tell with the
/// random sampler, on a study that already holds <see cref="ExistingTrials"/> trials. A fresh study
/// is prepared for every iteration so that the size stays close to the stated one.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: TrialsPerIteration)]
public class AskTellBenchmarks
{
    private const int TrialsPerIteration = 500;

    private string? journalTemplate;
    private string? journalPath;
    private Study study = null!;

    /// <summary>Where the study lives.</summary>
    [Params("memory", "journal")]
    public string Storage { get; set; } = "memory";

    /// <summary>How many trials the study holds before the measured ones.</summary>
    [Params(100, 10_000)]
    public int ExistingTrials { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        if (Storage == "journal")
        {
            journalTemplate = Path.Combine(Path.GetTempPath(), $"attune-bench-{Guid.NewGuid():N}.journal");
            var seed = Study.Create(new StudyOptions { Name = "bench", StorageInstance = OpenJournal(journalTemplate), Sampler = Sampler() });
            Fill(seed, ExistingTrials);
        }
    }

    [IterationSetup]
    public void IterationSetup()
    {
        if (Storage == "memory")
        {
            study = Study.Create(new StudyOptions { Name = "bench", StorageInstance = new InMemoryStorage(), Sampler = Sampler() });
            Fill(study, ExistingTrials);
            return;
        }

        journalPath = Path.Combine(Path.GetTempPath(), $"attune-bench-{Guid.NewGuid():N}.journal");
        File.Copy(journalTemplate!, journalPath);
        study = Study.Load("bench", OpenJournal(journalPath), Sampler());
        _ = study.Trials;
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        if (journalPath is not null)
        {
            File.Delete(journalPath);
            journalPath = null;
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        if (journalTemplate is not null)
        {
            File.Delete(journalTemplate);
        }
    }

    /// <summary>One trial: ask, suggest two parameters, tell.</summary>
    [Benchmark]
    public void AskSuggestTell()
    {
        var trial = study.Ask();
        var x = trial.SuggestFloat("x", -10, 10);
        var n = trial.SuggestInt("n", 1, 100);
        study.Tell(trial, (x * x) + n);
    }

    private static RandomSampler Sampler() => new(new RandomSamplerOptions { Seed = 1 });

    private static JournalStorage OpenJournal(string path) => new JournalStorage(new JournalFileBackend(path));

    private static void Fill(Study target, int trials)
    {
        for (var i = 0; i < trials; i++)
        {
            var trial = target.Ask();
            var x = trial.SuggestFloat("x", -10, 10);
            var n = trial.SuggestInt("n", 1, 100);
            target.Tell(trial, (x * x) + n);
        }
    }
}
