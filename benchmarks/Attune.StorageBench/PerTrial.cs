using System.Diagnostics;
using Attune;
using Attune.Samplers;

namespace Attune.StorageBench;

/// <summary>
/// The cost of one trial as a study grows: Ask, two suggestions, Tell, and a read of every trial (what a model-based
/// sampler does), averaged over a window of trials once the study has reached each size.
/// </summary>
internal static class PerTrial
{
    private const int Window = 200;

    public static IEnumerable<(int Size, double Micros)> Run(string url, IReadOnlyList<int> sizes)
    {
        using var study = Study.Create(new StudyOptions { Name = "pertrial-" + Guid.NewGuid().ToString("N"), Storage = url, Sampler = new RandomSampler() });
        var results = new List<(int, double)>();
        foreach (var size in sizes)
        {
            var missing = size - study.Trials.Count;
            if (missing > 0)
            {
                study.Optimize(Objective, new OptimizeOptions { Trials = missing });
            }

            // Steady state: a worker that reads the study every trial has its cache filled already.
            _ = study.Trials.Count;

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Window; i++)
            {
                var trial = study.Ask();
                var value = Objective(trial);
                study.Tell(trial, value);
                _ = study.Trials.Count;
            }

            results.Add((size, watch.Elapsed.TotalMicroseconds / Window));
        }

        return results;
    }

    private static double Objective(Trial trial) => Math.Pow(trial.SuggestFloat("x", -10, 10), 2) + trial.SuggestInt("k", 0, 10);
}
