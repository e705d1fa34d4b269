using System.Diagnostics;
using Attune;
using Attune.Samplers;
using Attune.Storage;

namespace Attune.StorageBench;

/// <summary>Microseconds per storage operation at each study size: where the time of a trial goes.</summary>
internal static class Profile
{
    private const int Window = 200;

    public static IEnumerable<string> Run(string url, IReadOnlyList<int> sizes)
    {
        using var study = Study.Create(new StudyOptions { Name = "profile-" + Guid.NewGuid().ToString("N"), Storage = url, Sampler = new RandomSampler() });
        var storage = study.StorageBackend;
        var lines = new List<string>();
        foreach (var size in sizes)
        {
            var missing = size - study.Trials.Count;
            if (missing > 0)
            {
                study.Optimize(t => t.SuggestFloat("x", -10, 10) + t.SuggestInt("k", 0, 10), new OptimizeOptions { Trials = missing });
            }

            _ = study.Trials.Count;

            var times = new Dictionary<string, TimeSpan>();
            void Time(string name, Action action)
            {
                var start = Stopwatch.GetTimestamp();
                action();
                times[name] = times.GetValueOrDefault(name) + Stopwatch.GetElapsedTime(start);
            }

            for (var i = 0; i < Window; i++)
            {
                TrialRecord record = null!;
                Time("pop", () => storage.PopWaitingTrial(study.StudyId));
                Time("create", () => record = storage.CreateTrial(study.StudyId));
                Time("param", () => storage.SetTrialParam(record.TrialId, "x", 0.5, new FloatDistribution(-10, 10)));
                Time("get", () => storage.GetTrial(record.TrialId));
                Time("tell", () => storage.SetTrialStateValues(record.TrialId, TrialState.Complete, [1.0]));
                Time("all", () => storage.GetAllTrials(study.StudyId));
            }

            lines.Add($"{size}: " + string.Join(", ", times.Select(p => $"{p.Key} {p.Value.TotalMicroseconds / Window:F0} µs")));
        }

        return lines;
    }
}
