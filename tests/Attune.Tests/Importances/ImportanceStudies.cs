using Attune.Randomness;

namespace Attune.Tests.Importances;

/// <summary>Studies with a known variance decomposition, filled with uniformly random trials.</summary>
internal static class ImportanceStudies
{
    private static readonly FloatDistribution Unit = new(0, 1);

    /// <summary>f = 3·x1 + 1·x2 + 0·x3 with x uniform on [0, 1]: main-effect shares 0.9, 0.1 and 0.</summary>
    public static Study Additive(int trials, int seed = 1)
    {
        var study = Study.Create();
        var random = new SeededRandom((ulong)seed);
        for (var t = 0; t < trials; t++)
        {
            var x1 = random.NextDouble();
            var x2 = random.NextDouble();
            var x3 = random.NextDouble();
            study.AddTrial(Record((3 * x1) + x2, ("x1", x1, Unit), ("x2", x2, Unit), ("x3", x3, Unit)));
        }

        return study;
    }

    /// <summary>f = [0, 0, 3][c] + x by default: the categorical c explains 2 / (2 + 1/12) of the variance, x the rest.</summary>
    public static Study CategoricalPlusFloat(int trials, int seed = 1, double[]? levels = null, double slope = 1)
    {
        levels ??= [0, 0, 3];
        var choices = new CategoricalDistribution(["a", "b", "c"]);
        var study = Study.Create();
        var random = new SeededRandom((ulong)seed);
        for (var t = 0; t < trials; t++)
        {
            var c = random.NextInt32(3);
            var x = random.NextDouble();
            study.AddTrial(Record(levels[c] + (slope * x), ("c", choices.Choices[c], choices), ("x", x, Unit)));
        }

        return study;
    }

    /// <summary>
    /// A conditional space: <c>branch</c> ∈ {a, b}; branch a has <c>xa</c> (f = 4·xa), branch b has <c>xb</c>,
    /// which does nothing (f = 2); <c>noise</c> is in every trial and does nothing.
    /// </summary>
    public static Study Conditional(int trials, int seed = 1)
    {
        var branches = new CategoricalDistribution(["a", "b"]);
        var study = Study.Create();
        var random = new SeededRandom((ulong)seed);
        for (var t = 0; t < trials; t++)
        {
            var noise = random.NextDouble();
            var x = random.NextDouble();
            study.AddTrial(random.NextInt32(2) == 0
                ? Record(4 * x, ("branch", "a", branches), ("xa", x, Unit), ("noise", noise, Unit))
                : Record(2, ("branch", "b", branches), ("xb", x, Unit), ("noise", noise, Unit)));
        }

        return study;
    }

    public static TrialRecord Record(double value, params (string Name, object? Value, Distribution Distribution)[] parameters) =>
        new()
        {
            State = TrialState.Complete,
            Value = value,
            Params = parameters.ToDictionary(p => p.Name, p => p.Value),
            Distributions = parameters.ToDictionary(p => p.Name, p => p.Distribution),
        };
}
