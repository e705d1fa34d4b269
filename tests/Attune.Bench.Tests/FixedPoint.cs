using Attune.Bench.Functions;
using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Bench.Tests;

/// <summary>A sampler that returns a given point and records what the objective suggested, in order.</summary>
internal sealed class FixedPointSampler(IReadOnlyDictionary<string, object?> point) : Sampler
{
    public List<(string Name, Distribution Distribution)> Calls { get; } = [];

    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        Calls.Add((name, distribution));
        if (!point.TryGetValue(name, out var value))
        {
            throw new InvalidOperationException($"The test point has no value for '{name}'.");
        }

        return distribution.ToInternal(value);
    }
}

/// <summary>Prunes every trial at a given step.</summary>
internal sealed class PruneAtStep(long step) : Pruner
{
    public override bool Prune(Study study, TrialRecord trial) => trial.LastStep >= step;
}

/// <summary>Evaluates a function at a point through a real study and trial.</summary>
internal static class FixedPoint
{
    public static Evaluation Evaluate(BenchmarkFunction function, IReadOnlyDictionary<string, object?> point, Pruner? pruner = null)
    {
        var sampler = new FixedPointSampler(point);
        var study = Study.Create(new StudyOptions { Directions = function.Directions, Sampler = sampler, Pruner = pruner ?? new NopPruner() });
        var trial = study.Ask();
        var values = function.Evaluate(trial);
        study.Tell(trial, values);
        return new Evaluation(values, sampler.Calls, study.Trials[0]);
    }

    public static Dictionary<string, object?> Vector(params double[] x)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < x.Length; i++)
        {
            map["x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = x[i];
        }

        return map;
    }

    /// <summary>x_i = lo + (hi − lo)·(i + 1)/(d + 1), as in Reference/reference_values.py.</summary>
    public static double[] Ramp(int d, double lo, double hi) =>
        Enumerable.Range(0, d).Select(i => lo + ((hi - lo) * (i + 1) / (d + 1))).ToArray();

    public static void AssertClose(double expected, double actual, double relative = 1e-9)
    {
        var tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R} (tolerance {tolerance:R})");
    }
}

internal sealed record Evaluation(double[] Values, List<(string Name, Distribution Distribution)> Calls, TrialRecord Record);
