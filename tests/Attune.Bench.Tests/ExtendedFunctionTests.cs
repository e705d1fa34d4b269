using Attune.Bench.Functions;
using Attune.MultiObjective;
using static Attune.Bench.Tests.FixedPoint;

namespace Attune.Bench.Tests;

/// <summary>
/// ZDT3, ZDT4, ZDT6 and DTLZ1–4: values against an independent implementation
/// (Reference/reference_values_mo.py), the true front, the reference points that bound every trial, and
/// HV* against a dense sample of the front.
/// </summary>
public class ExtendedFunctionTests
{
    public static TheoryData<string> Ids => [.. BenchmarkFunctions.Extended.Select(f => f.Id)];

    [Fact]
    public void The_extended_set_is_listed_and_found_by_id_but_not_in_the_public_set()
    {
        Assert.Equal(["zdt3", "zdt4", "zdt6", "dtlz1", "dtlz2", "dtlz3", "dtlz4"], BenchmarkFunctions.Extended.Select(f => f.Id));
        foreach (var f in BenchmarkFunctions.Extended)
        {
            Assert.Same(f, BenchmarkFunctions.Get(f.Id.ToUpperInvariant()));
            Assert.DoesNotContain(f.Id, BenchmarkFunctions.All.Select(a => a.Id));
            Assert.True(f.IsMultiObjective);
        }

        Assert.Equal([11.0, 11.0], BenchmarkFunctions.Get("zdt3").ReferencePoint);
        Assert.Equal([11.0, 400.0], BenchmarkFunctions.Get("zdt4").ReferencePoint);
        Assert.Equal([600.0, 600.0, 600.0], BenchmarkFunctions.Get("dtlz1").ReferencePoint);
        Assert.Equal([4.0, 4.0, 4.0], BenchmarkFunctions.Get("dtlz2").ReferencePoint);
        Assert.Equal([2300.0, 2300.0, 2300.0], BenchmarkFunctions.Get("dtlz3").ReferencePoint);
        Assert.Equal(128.77811613069073, BenchmarkFunctions.Get("zdt3").OptimalHypervolume);
        Assert.Equal(4400 - (1.0 / 3), BenchmarkFunctions.Get("zdt4").OptimalHypervolume);
        AssertClose(117.51820185838244, BenchmarkFunctions.Get("zdt6").OptimalHypervolume!.Value, 1e-14);
        Assert.Equal(216_000_000 - (1.0 / 48), BenchmarkFunctions.Get("dtlz1").OptimalHypervolume);
        Assert.Equal(64 - (Math.PI / 6), BenchmarkFunctions.Get("dtlz4").OptimalHypervolume);
    }

    [Fact]
    public void Zdt_values_match_reference()
    {
        AssertValues([0.5, 3.841687604822299], new Zdt(3), Enumerable.Repeat(0.5, 30).ToArray());
        AssertValues([0.03225806451612903, 5.1910515866833], new Zdt(3), Ramp(30, 0, 1));
        AssertValues([0.3, 56.72215007275852], new Zdt(4), [0.3, .. Ramp(9, -5, 5)]);
        AssertValues([0.5, 1.9752451216018037], new Zdt(4), Enumerable.Repeat(0.5, 10).ToArray());
        AssertValues([0.3462437129709236, 8.720772917091546], new Zdt(6), Ramp(10, 0, 1));
        AssertValues([0.6321205588285577, 5.995146888085459], new Zdt(6), [0.25, .. Enumerable.Repeat(0.1, 9)]);
    }

    [Fact]
    public void Dtlz_values_match_reference()
    {
        AssertValues([8.194335937500004, 24.58300781250001, 229.4414062500001], new Dtlz(1), Ramp(7, 0, 1));
        AssertValues([1.890000000000002, 7.560000000000008, 1.0500000000000007], new Dtlz(1), [0.9, 0.2, .. Enumerable.Repeat(0.3, 5)]);
        AssertValues([1.4914204675706424, 0.36760212972896467, 0.18651089873826615], new Dtlz(2), Ramp(12, 0, 1));
        AssertValues([0.20828922428952124, 0.06767727148473893, 1.382763676833193], new Dtlz(2), [0.9, 0.2, .. Enumerable.Repeat(0.3, 10)]);
        AssertValues([1032.0011005889057, 254.36542591980233, 129.05780559874182], new Dtlz(3), Ramp(12, 0, 1));
        AssertValues([6.099898711335957, 1.9819772363387758, 40.49522196440051], new Dtlz(3), [0.9, 0.2, .. Enumerable.Repeat(0.3, 10)]);
        AssertValues([1.547337278106509, 1.24270830673178e-81, 9.803239997741028e-112], new Dtlz(4), Ramp(12, 0, 1));
        AssertValues([1.3999999987814604, 2.7877092666706224e-70, 5.841156691307234e-05], new Dtlz(4), [0.9, 0.2, .. Enumerable.Repeat(0.3, 10)]);
    }

    [Fact]
    public void Pareto_optimal_points_lie_on_the_documented_fronts()
    {
        foreach (var t in new[] { 0.0, 0.05, 0.2, 0.45, 0.63, 0.85, 1.0 })
        {
            var x30 = new double[30];
            x30[0] = t;
            AssertValues([t, 1 - Math.Sqrt(t) - (t * Math.Sin(10 * Math.PI * t))], new Zdt(3), x30);
            var x10 = new double[10];
            x10[0] = t;
            AssertValues([t, 1 - Math.Sqrt(t)], new Zdt(4), x10);
            var zdt6 = new Zdt(6).Values(x10);
            AssertClose(1 - (zdt6[0] * zdt6[0]), zdt6[1]);
        }

        Assert.Equal(Zdt.Zdt6MinF1, new Zdt(6).Values([0.0814577968786842, .. new double[9]])[0], 12);
        foreach (var (a, b) in new[] { (0.0, 0.0), (0.3, 0.7), (1.0, 0.5), (0.5, 1.0) })
        {
            var x7 = Enumerable.Repeat(0.5, 7).ToArray();
            (x7[0], x7[1]) = (a, b);
            AssertClose(0.5, new Dtlz(1).Values(x7).Sum());
            var x12 = Enumerable.Repeat(0.5, 12).ToArray();
            (x12[0], x12[1]) = (a, b);
            foreach (var v in new[] { 2, 3, 4 })
            {
                AssertClose(1, Math.Sqrt(new Dtlz(v).Values(x12).Sum(f => f * f)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_random_trial_lies_strictly_inside_the_reference_box(string id)
    {
        // The reference points bound every objective vector the domain can produce, so that every trial counts.
        var f = BenchmarkFunctions.Get(id);
        var study = Study.Create(new StudyOptions
        {
            Directions = f.Directions,
            Sampler = new Attune.Samplers.RandomSampler(new Attune.Samplers.RandomSamplerOptions { Seed = 7 }),
            Pruner = new Attune.Pruners.NopPruner(),
        });
        study.Optimize(f.Evaluate, new OptimizeOptions { Trials = 2000 });
        var reference = f.ReferencePoint!;
        foreach (var trial in study.Trials)
        {
            Assert.Equal(TrialState.Complete, trial.State);
            Assert.Equal(f.ObjectiveCount, trial.Values!.Count);
            for (var k = 0; k < reference.Count; k++)
            {
                Assert.True(trial.Values[k] < reference[k], $"{id}: objective {k} = {trial.Values[k]} is not below {reference[k]}");
            }
        }

        var hv = Hypervolume.Compute(study.Trials.Select(t => t.Values!.ToArray()).ToList(), reference.ToArray());
        Assert.InRange(hv, 0, f.OptimalHypervolume!.Value);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void Zdt_front_sampled_densely_approaches_hv_star_from_below(int variant)
    {
        var zdt = new Zdt(variant);
        const int n = 200_000;
        var points = new List<double[]>(n + 1);
        var x = new double[zdt.Dimension];
        for (var i = 0; i <= n; i++)
        {
            x[0] = (double)i / n;
            points.Add(zdt.Values(x));
        }

        var gap = zdt.OptimalHypervolume!.Value - Hypervolume.Compute(points, zdt.ReferencePoint!.ToArray());
        Assert.InRange(gap, -1e-9, 1e-4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Dtlz_front_sampled_densely_approaches_hv_star_from_below(int variant)
    {
        // A 400 x 400 grid of the angles / simplex coordinates with g = 0; the staircase under-covers the
        // curved or slanted front by O(1/400) of its area.
        var dtlz = new Dtlz(variant);
        const int n = 400;
        var points = new List<double[]>((n + 1) * (n + 1));
        var x = Enumerable.Repeat(0.5, dtlz.Dimension).ToArray();
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= n; j++)
            {
                // DTLZ4 maps x to x^100: sample x^100 evenly instead.
                x[0] = variant == 4 ? Math.Pow((double)i / n, 0.01) : (double)i / n;
                x[1] = variant == 4 ? Math.Pow((double)j / n, 0.01) : (double)j / n;
                points.Add(dtlz.Values(x));
            }
        }

        var gap = dtlz.OptimalHypervolume!.Value - Hypervolume.Compute(points, dtlz.ReferencePoint!.ToArray());
        var tolerance = variant == 1 ? 0.25 * 0.5 * 0.5 * 4.0 / n : Math.PI / 2 * 3.0 / n;
        Assert.InRange(gap, -1e-6, tolerance);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Parameters_are_suggested_as_x0_to_xd_on_the_documented_box(string id)
    {
        var f = BenchmarkFunctions.Get(id);
        var d = f switch
        {
            Zdt z => z.Dimension,
            Dtlz z => z.Dimension,
            _ => throw new ArgumentException(id),
        };
        var point = Enumerable.Range(0, d).ToDictionary(i => "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => (object?)0.5);
        var result = Evaluate(f, point);
        Assert.Equal(Enumerable.Range(0, d).Select(i => "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), result.Calls.Select(c => c.Name));
        Assert.Equal(id is "zdt3" ? 30 : id is "zdt4" or "zdt6" ? 10 : id == "dtlz1" ? 7 : 12, d);
        for (var i = 0; i < d; i++)
        {
            var expected = id == "zdt4" && i > 0 ? new FloatDistribution(-5, 5) : new FloatDistribution(0, 1);
            Assert.Equal(expected, result.Calls[i].Distribution);
        }
    }

    private static void AssertValues(double[] expected, BenchmarkFunction f, double[] x)
    {
        var values = Evaluate(f, Vector(x)).Values;
        Assert.Equal(expected.Length, values.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            AssertClose(expected[k], values[k]);
        }
    }
}
