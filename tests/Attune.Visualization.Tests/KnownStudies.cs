using Attune.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Visualization.Tests;

/// <summary>Studies with fixed trials and times, built with AddTrial, so figure records are exact.</summary>
internal static class KnownStudies
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly FloatDistribution X = new(-2, 3);
    private static readonly FloatDistribution Lr = new(1e-4, 1e-1, log: true);
    private static readonly CategoricalDistribution Kind = new(["a", "b", "c"]);

    /// <summary>A minimization study: 6 complete trials (one infeasible), one pruned and one failed, with intermediate values.</summary>
    public static Study Single()
    {
        var study = Study.Create(new StudyOptions { Name = "single", StorageInstance = new InMemoryStorage(new FakeTimeProvider(Start)) });
        (double X, double Lr, string Kind, double Value)[] rows =
        [
            (1.0, 0.01, "a", 3.0), (-1.5, 0.001, "b", 7.5), (2.5, 0.05, "a", 1.25), (0.5, 0.0002, "c", 4.0), (2.0, 0.02, "b", 0.5), (-0.5, 0.09, "c", 2.0),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            var (x, lr, kind, value) = rows[i];
            study.AddTrial(Trial(i, TrialState.Complete, [value], x, lr, kind) with
            {
                IntermediateValues = new SortedDictionary<long, double> { [0] = value + 2, [1] = value + 1, [2] = value },
                SystemAttrs = i == 3 ? new Dictionary<string, object?> { [Study.ConstraintsKey] = new List<object?> { 1.0 } } : new Dictionary<string, object?>(),
            });
        }

        study.AddTrial(Trial(6, TrialState.Pruned, null, 0, 0.03, "a") with { IntermediateValues = new SortedDictionary<long, double> { [0] = 9, [1] = 8.5 } });
        study.AddTrial(Trial(7, TrialState.Fail, null, 1.5, 0.004, "b"));
        return study;
    }

    /// <summary>A two-objective study (minimize, maximize) with one infeasible trial.</summary>
    public static Study Multi(int objectives = 2)
    {
        var directions = objectives == 2
            ? new[] { StudyDirection.Minimize, StudyDirection.Maximize }
            : [StudyDirection.Minimize, StudyDirection.Maximize, StudyDirection.Minimize];
        var study = Study.Create(new StudyOptions { Name = "multi", Directions = directions, StorageInstance = new InMemoryStorage(new FakeTimeProvider(Start)) });
        double[][] values = [[1, 1, 3], [2, 3, 2], [3, 2, 1], [0.5, 0.2, 4], [2.5, 3.5, 0.5], [1.5, 2.5, 2.5]];
        for (var i = 0; i < values.Length; i++)
        {
            study.AddTrial(Trial(i, TrialState.Complete, [.. values[i].Take(objectives)], i * 0.5 - 1, 0.001 * (i + 1), i % 2 == 0 ? "a" : "b") with
            {
                SystemAttrs = i == 5 ? new Dictionary<string, object?> { [Study.ConstraintsKey] = new List<object?> { 0.5 } } : new Dictionary<string, object?>(),
            });
        }

        return study;
    }

    private static TrialRecord Trial(int i, TrialState state, double[]? values, double x, double lr, string kind) => new()
    {
        State = state,
        Values = values,
        Params = new Dictionary<string, object?> { ["x"] = x, ["lr"] = lr, ["kind"] = kind },
        Distributions = new Dictionary<string, Distribution> { ["x"] = X, ["lr"] = Lr, ["kind"] = Kind },
        StartedAt = Start.AddSeconds(i * 10),
        CompletedAt = Start.AddSeconds((i * 10) + 4 + i),
    };
}
