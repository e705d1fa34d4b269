using Attune.MultiObjective;
using Attune.Bench.Functions;
using Attune.Bench.Runner;

namespace Attune.Bench.Tests;

public class HypervolumeTests
{
    [Fact]
    public void Two_dimensional_staircase()
    {
        // Boxes [1,4]x[3,4] ∪ [2,4]x[2,4] ∪ [3,4]x[1,4] = 3 + 4 + 3 - overlaps = 6.
        double[][] points = [[1, 3], [2, 2], [3, 1]];
        Assert.Equal(6, Hypervolume.Compute(points, [4, 4]), 12);
    }

    [Fact]
    public void Dominated_duplicate_and_outside_points_add_nothing()
    {
        double[][] points = [[1, 3], [2, 2], [3, 1], [2.5, 2.5], [2, 2], [5, 0], [0, 4], [-1, 10]];
        Assert.Equal(6, Hypervolume.Compute(points, [4, 4]), 12);
        Assert.Equal(0, Hypervolume.Compute(new List<double[]>(), [4, 4]));
    }

    [Fact]
    public void Three_dimensional_union_of_boxes()
    {
        // Boxes to r = (2,2,2): from (0,0,1) volume 4, from (1,1,0) volume 2, intersection [1,2]x[1,2]x[1,2] = 1.
        double[][] points = [[0, 0, 1], [1, 1, 0]];
        Assert.Equal(5, Hypervolume.Compute(points, [2, 2, 2]), 12);
        Assert.Equal(8, Hypervolume.Compute([[0.0, 0, 0], [1, 1, 1]], [2, 2, 2]), 12);
    }

    [Fact]
    public void Three_dimensional_matches_inclusion_exclusion_on_random_points()
    {
        var rng = new Attune.Randomness.SeededRandom(5);
        for (var round = 0; round < 20; round++)
        {
            var points = Enumerable.Range(0, 3).Select(_ => new[] { rng.NextDouble(), rng.NextDouble(), rng.NextDouble() }).ToArray();
            double[] r = [1, 1, 1];
            double Box(params double[][] ps)
            {
                var v = 1.0;
                for (var k = 0; k < 3; k++)
                {
                    v *= r[k] - ps.Max(p => p[k]);
                }

                return v;
            }

            var (a, b, c) = (points[0], points[1], points[2]);
            var expected = Box(a) + Box(b) + Box(c) - Box(a, b) - Box(a, c) - Box(b, c) + Box(a, b, c);
            Assert.Equal(expected, Hypervolume.Compute(points, r), 12);
        }
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1.0, 2, 3]], [4, 4]));
        Assert.Contains("3 objectives", e.Message, StringComparison.Ordinal);
    }
}

public class StatisticsAndFormatTests
{
    [Fact]
    public void Quartiles_interpolate_linearly_like_numpy()
    {
        var q = Quartiles.Of([4.0, 1, 3, 2, double.NaN]);
        Assert.Equal(4, q.Count);
        Assert.Equal(2.5, q.Median, 12);
        Assert.Equal(1.75, q.Q25, 12);
        Assert.Equal(3.25, q.Q75, 12);
        Assert.Equal(2.5, q.Mean, 12);
        var ten = Quartiles.Of(Enumerable.Range(0, 10).Select(i => (double)i));
        Assert.Equal(4.5, ten.Median, 12);
        Assert.Equal(2.25, ten.Q25, 12);
        Assert.Equal(6.75, ten.Q75, 12);
        Assert.Equal(0, Quartiles.Of([]).Count);
    }

    [Theory]
    [InlineData(0.0163, "0.0163")]
    [InlineData(19.8, "19.8")]
    [InlineData(13.0, "13")]
    [InlineData(166.4, "166")]
    [InlineData(0.001, "0.001")]
    [InlineData(2.79e-4, "2.79e-04")]
    [InlineData(3.7312e-9, "3.73e-09")]
    [InlineData(82651.2, "82651")]
    [InlineData(999.7, "1000")]
    [InlineData(0.0, "0")]
    [InlineData(-391.6616, "-392")]
    public void Sig3_prints_like_the_optuna_tables(double value, string expected) => Assert.Equal(expected, Format.Sig3(value));

    [Fact]
    public void Cells_show_median_and_quartiles() =>
        Assert.Equal("0.198 [0.131, 0.724]", Format.Cell(new Quartiles(10, 0.19812, 0.13104, 0.72355, 0.3)));
}

public class OptunaReferenceTests
{
    private const string Sample = """
        ## Single-objective simple regret after 100 trials (10 seeds)

        | function | optimum | random | tpe | tpe_mv | cmaes | qmc |
        |---|---|---|---|---|---|---|
        | branin | 0.397887 | 0.198 [0.131, 0.724] | 0.0163 [0.00891, 0.0272] | 0.0892 [0.0274, 0.177] | 0.0133 [0.00466, 0.146] | 0.237 [0.0682, 0.557] |
        | rosenbrock10 | 0 | 82651 [74430, 124188] | 2077 [1685, 2700] | 3554 [2700, 4898] | 2803 [2411, 2841] | - |

        ### Mean wall time per 300-trial run (s)

        | function | random | tpe |
        |---|---|---|
        | branin | 0.0601 | 2.13 |

        ## Multi-objective hypervolume gap (5/10 seeds)

        | function | ref point | HV* | trials | random | nsga2 | motpe |
        |---|---|---|---|---|---|---|
        | zdt1 | (11.0, 11.0) | 120.667 | 300 | 26.7 [25.8, 27.6] | 23.7 [22.5, 25.3] | 19.1 [17.9, 21.8] |
        | zdt1 | (11.0, 11.0) | 120.667 | 1000 | 24.5 [24, 25.1] | 10.6 [9.88, 11.4] | - |

        ## Pruners on the learning-curve function (100 trials, max 100 steps/trial, optimum of the final value 0.105233)

        | sampler | pruner | steps used | pruned trials | regret@100 trials | regret@1000 steps | wall s |
        |---|---|---|---|---|---|---|
        | tpe | none | 10000 [10000, 10000] | 0 | 0.00112 [6.33e-04, 0.0015] | 0.0651 [0.0437, 0.0869] | 1.85 |
        | tpe | median | 3054 [2735, 4316] | 73 | 0.0564 [0.0326, 0.0727] | 0.078 [0.0521, 0.112] | 2.13 |
        """;

    [Fact]
    public void Parses_regret_hypervolume_wall_time_and_learning_curve_tables()
    {
        var r = OptunaReference.Parse(Sample);
        Assert.Equal(new ReferenceCell(0.198, 0.131, 0.724), r.Get("branin", 100, "random"));
        Assert.Equal(new ReferenceCell(82651, 74430, 124188), r.Get("rosenbrock10", 100, "random"));
        Assert.Null(r.Get("rosenbrock10", 100, "qmc"));
        Assert.Null(r.Get("branin", 100, "optimum"));
        Assert.Equal(new ReferenceCell(19.1, 17.9, 21.8), r.Get("zdt1", 300, "motpe"));
        Assert.Equal(new ReferenceCell(10.6, 9.88, 11.4), r.Get("zdt1", 1000, "nsga2"));
        Assert.Null(r.Get("zdt1", 1000, "motpe"));
        Assert.Equal(new ReferenceCell(0.00112, 6.33e-4, 0.0015), r.Get("learning_curve", 100, "tpe"));
        Assert.Equal(300, r.WallTimeBudget);
        Assert.Equal(0.0601, r.WallSeconds("branin", "random"));

        var best = r.Best("branin", 100, ["tpe", "tpe_mv", "motpe"]);
        Assert.Equal(("tpe", 0.0163), (best!.Value.Sampler, best.Value.Cell.Median));
    }

    [Fact]
    public void Parses_the_shared_reference_file_when_present()
    {
        const string path = "/work/shared/bench/optuna-3.1.md";
        if (!File.Exists(path))
        {
            return;
        }

        var r = OptunaReference.Load(path);
        foreach (var id in new[] { "ackley10", "branin", "conditional", "hartmann6", "levy10", "mixed8", "rosenbrock10", "styblinski_tang10" })
        {
            foreach (var budget in new[] { 100, 300 })
            {
                foreach (var sampler in new[] { "random", "tpe", "tpe_mv", "cmaes", "qmc" })
                {
                    Assert.NotNull(r.Get(id, budget, sampler));
                }
            }
        }

        Assert.NotNull(r.Get("zdt2", 300, "motpe"));
        Assert.NotNull(r.Get("learning_curve", 100, "random"));
    }

    [Fact]
    public void Comparison_takes_the_better_optuna_tpe_and_the_ratio_of_medians()
    {
        var r = OptunaReference.Parse(Sample);
        SummaryRow Row(string sampler, double median) => new()
        {
            Function = "branin", Metric = "simple_regret", Sampler = sampler, Budget = 100, Seeds = 10, Median = median, Q25 = median / 2, Q75 = median * 2, Mean = median,
        };
        var rows = Summaries.Compare([Row("tpe", 0.00815), Row("random", 0.396), Row("unknown", 1)], r);
        Assert.Equal(2, rows.Count);
        Assert.Equal("tpe", rows[0].OptunaSampler);
        Assert.Equal(0.5, rows[0].Ratio, 12);
        Assert.Equal(2, rows[1].Ratio, 12);
        Assert.True(rows[1].IqrOverlap);
    }
}

public class RunnerTests
{
    [Fact]
    public void Runs_are_deterministic_and_scores_follow_the_trace()
    {
        var runner = new BenchRunner(SamplerRegistry.Default);
        var functions = new BenchmarkFunction[] { new Branin(), new Zdt(1), new Conditional() };
        var a = runner.RunAll(functions, ["random"], [10, 40], seeds: 3, parallel: 3, trace: true);
        var b = runner.RunAll(functions, ["random"], [10, 40], seeds: 3, parallel: 1, trace: true);
        Assert.Equal(9, a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal((a[i].Function, a[i].Seed), (b[i].Function, b[i].Seed));
            Assert.Equal(a[i].Trace, b[i].Trace);
            Assert.Equal(40, a[i].Trials);
            var trace = a[i].Trace!;
            Assert.Equal(40, trace.Count);
            Assert.True(trace.Zip(trace.Skip(1)).All(p => p.Second <= p.First), "scores never get worse");
            Assert.True(trace.All(s => s >= -1e-9), "regret and HV gap are not negative");
            Assert.Equal(trace[9], a[i].Scores.Single(s => s.Budget == 10).Score);
            Assert.Equal(trace[39], a[i].Scores.Single(s => s.Budget == 40).Score);
        }

        Assert.NotEqual(a[0].Trace, a[1].Trace);
    }

    [Fact]
    public void Single_objective_score_is_best_so_far_minus_f_star()
    {
        var f = new Branin();
        var trials = new[] { 3.0, 5.0, 1.0, 2.0 }.Select((v, i) => new TrialRecord { Number = i, State = TrialState.Complete, Value = v })
            .Append(new TrialRecord { Number = 4, State = TrialState.Fail })
            .ToArray();
        var curve = BenchRunner.Score(f, trials, out var best);
        var fStar = f.Optimum!.Value;
        Assert.Equal([3 - fStar, 3 - fStar, 1 - fStar, 1 - fStar, 1 - fStar], curve);
        Assert.Equal(1, best);
    }

    [Fact]
    public void Multi_objective_score_is_the_hypervolume_gap()
    {
        var f = new Zdt(1);
        var trials = new[] { new[] { 0.0, 1.0 }, [1.0, 0.0], [0.5, 0.5], [0.6, 0.6] }
            .Select((v, i) => new TrialRecord { Number = i, State = TrialState.Complete, Values = v })
            .ToArray();
        var curve = BenchRunner.Score(f, trials, out var hv);
        var hvStar = f.OptimalHypervolume!.Value;
        Assert.Equal(hvStar - 110, curve[0], 12);
        Assert.Equal(hvStar - 120, curve[1], 12);
        Assert.Equal(hvStar - 120.25, curve[2], 12);
        Assert.Equal(hvStar - 120.25, curve[3], 12);
        Assert.Equal(120.25, hv, 12);
    }

    [Fact]
    public void Options_parse_and_reject_bad_input()
    {
        var registry = SamplerRegistry.Default;
        var o = BenchOptions.Parse(["--samplers", "random", "--functions", "branin,ZDT1", "--budgets", "300,100", "--seeds", "4", "--parallel", "2", "--no-trace"], registry);
        Assert.Equal(["random"], o.Samplers);
        Assert.Equal(["branin", "zdt1"], o.Functions);
        Assert.Equal([100, 300], o.Budgets);
        Assert.Equal(4, o.Seeds);
        Assert.Equal(2, o.Parallel);
        Assert.False(o.Trace);

        var defaults = BenchOptions.Parse([], registry);
        Assert.Equal(registry.Names, defaults.Samplers);
        Assert.Equal(11, defaults.Functions.Count);
        Assert.Equal([100, 300], defaults.Budgets);
        Assert.Equal(10, defaults.Seeds);

        Assert.Contains("Unknown sampler 'nope'", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--samplers", "nope"], registry)).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown function", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--functions", "sphere"], registry)).Message, StringComparison.Ordinal);
        Assert.Contains("positive integer", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--seeds", "0"], registry)).Message, StringComparison.Ordinal);
        Assert.Contains("needs a value", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--json"], registry)).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown option", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--fast"], registry)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_is_extended_by_name()
    {
        var registry = SamplerRegistry.Default;
        registry["random2"] = seed => new Attune.Samplers.RandomSampler(new Attune.Samplers.RandomSamplerOptions { Seed = seed + 1 });
        Assert.True(registry.Contains("RANDOM2"));
        Assert.IsType<Attune.Samplers.RandomSampler>(registry.Create("random2", 1));
        Assert.Throws<ArgumentException>(() => registry.Create("tpe_nope", 1));
    }
}
