using Attune.Samplers;

namespace Attune.Tests.Samplers.Nsga;

/// <summary>Hand-made individuals and test problems for the NSGA tests.</summary>
internal static class NsgaTestData
{
    private static readonly StudyDirection[] Two = [StudyDirection.Minimize, StudyDirection.Minimize];

    /// <summary>A complete trial with the given objective values (minimized) and, optionally, constraint values.</summary>
    public static Individual Make(int number, double[] objectives, double[]? constraints = null)
    {
        var attrs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (constraints is not null)
        {
            attrs[Study.ConstraintsKey] = constraints.Select(c => (object?)c).ToList();
        }

        var record = new TrialRecord { Number = number, State = TrialState.Complete, Values = objectives, SystemAttrs = attrs };
        return new Individual(record, objectives.Length == 2 ? Two : Enumerable.Repeat(StudyDirection.Minimize, objectives.Length).ToArray());
    }

    /// <summary>ZDT1 with <paramref name="dimension"/> coordinates in [0, 1].</summary>
    public static double[] Zdt1(Trial trial, int dimension = 30)
    {
        var f1 = trial.SuggestFloat("x0", 0, 1);
        var sum = 0.0;
        for (var i = 1; i < dimension; i++)
        {
            sum += trial.SuggestFloat("x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        }

        var g = 1 + (9 * sum / (dimension - 1));
        return [f1, g * (1 - Math.Sqrt(f1 / g))];
    }

    /// <summary>DTLZ2 with three objectives and 12 coordinates in [0, 1].</summary>
    public static double[] Dtlz2(Trial trial)
    {
        var x = new double[12];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = trial.SuggestFloat("x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        }

        var g = x.Skip(2).Sum(v => (v - 0.5) * (v - 0.5));
        var a = x[0] * Math.PI / 2;
        var b = x[1] * Math.PI / 2;
        return [(1 + g) * Math.Cos(a) * Math.Cos(b), (1 + g) * Math.Cos(a) * Math.Sin(b), (1 + g) * Math.Sin(a)];
    }

    /// <summary>The hypervolume of a study's complete trials.</summary>
    public static double Hypervolume(Study study, double[] reference) =>
        Attune.MultiObjective.Hypervolume.Compute(
            study.Trials.Where(t => t.State == TrialState.Complete).Select(t => t.Values!.ToArray()).ToList(), reference);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
