using Attune.Bench.Functions;
using static Attune.Bench.Tests.FixedPoint;

namespace Attune.Bench.Tests;

/// <summary>Every function suggests the documented names and kinds in the documented order (FUNCTIONS.md).</summary>
public class SearchSpaceTests
{
    private static FloatDistribution F(double low, double high, bool log = false) => new(low, high, log);

    private static IntDistribution I(int low, int high, bool log = false) => new(low, high, log);

    private static CategoricalDistribution C(params string[] choices) => new(choices);

    private static (string, Distribution)[] Box(int d, double low, double high) =>
        Enumerable.Range(0, d).Select(i => ($"x{i}", (Distribution)F(low, high))).ToArray();

    public static TheoryData<string> VectorIds => ["branin", "hartmann6", "rosenbrock10", "ackley10", "styblinski_tang10", "levy10", "zdt1", "zdt2"];

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Vector_functions_suggest_x0_to_xd_on_their_box(string id)
    {
        (string, Distribution)[] expected = id switch
        {
            "branin" => [("x0", F(-5, 10)), ("x1", F(0, 15))],
            "hartmann6" => Box(6, 0, 1),
            "rosenbrock10" => Box(10, -5, 10),
            "ackley10" => Box(10, -32.768, 32.768),
            "styblinski_tang10" => Box(10, -5, 5),
            "levy10" => Box(10, -10, 10),
            "zdt1" or "zdt2" => Box(30, 0, 1),
            _ => throw new ArgumentException(id),
        };
        var point = expected.ToDictionary(p => p.Item1, p => (object?)((FloatDistribution)p.Item2).Low);
        var result = Evaluate(BenchmarkFunctions.Get(id), point);
        Assert.Equal(expected, result.Calls);
    }

    [Fact]
    public void Mixed8_suggests_its_mixed_space_in_order()
    {
        var f = new Mixed8();
        var result = Evaluate(f, f.OptimalParams!);
        Assert.Equal(
            [
                ("x1", F(-5, 5)), ("x2", F(-5, 5)), ("x3", F(0, 10)), ("x4", F(1e-4, 1, log: true)),
                ("n1", I(1, 20)), ("n2", I(1, 1024, log: true)),
                ("c1", C("a", "b", "c")), ("c2", C("relu", "tanh", "sigmoid", "linear")),
            ],
            result.Calls);
        Assert.IsType<int>(result.Record.Params["n2"]);
        Assert.Equal("b", result.Record.Params["c1"]);
    }

    [Fact]
    public void Conditional_suggests_only_the_active_branch()
    {
        var f = new Conditional();
        var gbt = Evaluate(f, f.OptimalParams!);
        Assert.Equal(
            [
                ("model", C("svm", "gbt")),
                ("gbt_max_depth", I(1, 16)), ("gbt_lr", F(1e-3, 1, log: true)),
                ("gbt_n_estimators", I(10, 1000, log: true)), ("gbt_subsample", F(0.3, 1.0)),
            ],
            gbt.Calls);

        var svm = Evaluate(f, new Dictionary<string, object?> { ["model"] = "svm", ["svm_C"] = 1.0, ["svm_gamma"] = 1e-3, ["svm_kernel"] = "rbf" });
        Assert.Equal(
            [
                ("model", C("svm", "gbt")),
                ("svm_C", F(1e-3, 1e3, log: true)), ("svm_gamma", F(1e-5, 10, log: true)), ("svm_kernel", C("rbf", "poly", "sigmoid")),
            ],
            svm.Calls);
    }

    [Fact]
    public void Learning_curve_suggests_its_space_in_order()
    {
        var f = new LearningCurve();
        var result = Evaluate(f, f.OptimalParams!);
        Assert.Equal(
            [("lr", F(1e-4, 1, log: true)), ("width", I(8, 512, log: true)), ("dropout", F(0, 0.5)), ("optimizer", C("sgd", "adam"))],
            result.Calls);
        Assert.Equal(100, f.IntermediateSteps);
    }

    [Fact]
    public void Every_function_runs_under_random_search_and_returns_its_objective_count()
    {
        foreach (var f in BenchmarkFunctions.All)
        {
            var study = Study.Create(new StudyOptions
            {
                Directions = f.Directions,
                Sampler = new Attune.Samplers.RandomSampler(new Attune.Samplers.RandomSamplerOptions { Seed = 3 }),
                Pruner = new Attune.Pruners.NopPruner(),
            });
            study.Optimize(f.Evaluate, new OptimizeOptions { Trials = 30 });
            Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
            Assert.All(study.Trials, t => Assert.Equal(f.ObjectiveCount, t.Values!.Count));
            if (f.Optimum is { } optimum)
            {
                Assert.All(study.Trials, t => Assert.True(t.Value >= optimum - 1e-9, $"{f.Id}: {t.Value} is below f* {optimum}"));
            }
        }
    }
}
