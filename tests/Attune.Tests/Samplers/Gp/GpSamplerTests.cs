using Attune.Samplers;
using Attune.Tests.Storage.Journal;

namespace Attune.Tests.Samplers.Gp;

public class GpSamplerTests
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    private static double Mixed(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 5);
        var lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
        var n = t.SuggestInt("n", 1, 64, log: true);
        var k = t.SuggestInt("k", 0, 40, step: 2);
        var q = t.SuggestFloat("q", 0, 1, step: 0.1);
        var color = t.SuggestCategorical("color", Colors);
        return (x * x) + Math.Abs(Math.Log10(lr) + 3) + Math.Abs(Math.Log2(n) - 3) + Math.Abs(k - 14) + Math.Abs(q - 0.3) + (color == "green" ? 0 : 1);
    }

    private static Study Run(GpSamplerOptions options, Func<Trial, double> objective, int trials)
    {
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(options) });
        study.Optimize(objective, new OptimizeOptions { Trials = trials });
        return study;
    }

    public static TheoryData<GpSamplerOptions, string> InvalidOptions => new()
    {
        { new GpSamplerOptions { StartupTrials = -1 }, "-1" },
        { new GpSamplerOptions { CandidatePoints = 0 }, "CandidatePoints" },
        { new GpSamplerOptions { LocalSearches = 0 }, "LocalSearches" },
        { new GpSamplerOptions { RefitFraction = -0.5 }, "-0.5" },
        { new GpSamplerOptions { RefitFraction = double.NaN }, "NaN" },
        { new GpSamplerOptions { MaxFitTrials = 1 }, "MaxFitTrials" },
        { new GpSamplerOptions { UcbBeta = -2 }, "-2" },
        { new GpSamplerOptions { KnowledgeGradientPoints = -3 }, "-3" },
        { new GpSamplerOptions { Acquisition = (GpAcquisitionFunction)42 }, "42" },
        { new GpSamplerOptions { KernelPrior = (GpKernelPrior)7 }, "7" },
        { new GpSamplerOptions { PendingTrials = (GpPendingTrials)9 }, "9" },
        { new GpSamplerOptions { Constraints = _ => [0], Acquisition = GpAcquisitionFunction.UpperConfidenceBound }, "UpperConfidenceBound" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_throw_and_name_the_value(GpSamplerOptions options, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => new GpSampler(options));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_space_values_stay_inside_their_distributions_and_a_seed_reproduces_the_study()
    {
        var options = new GpSamplerOptions { Seed = 3, StartupTrials = 5, CandidatePoints = 256 };
        var first = Run(options, Mixed, 18);
        var second = Run(options, Mixed, 18);
        for (var i = 0; i < 18; i++)
        {
            Assert.Equal(first.Trials[i].Params, second.Trials[i].Params);
            foreach (var (name, distribution) in first.Trials[i].Distributions)
            {
                Assert.True(distribution.Contains(first.Trials[i].InternalParams[name]), $"trial {i}: {name} outside {distribution}");
            }
        }

        // After the startup, every trial's point is shared in its system attributes.
        var shared = (IReadOnlyDictionary<string, object?>)first.Trials[10].SystemAttrs[GpSampler.RelativeParamsKey]!;
        foreach (var (name, value) in shared)
        {
            Assert.Equal((double)value!, first.Trials[10].InternalParams[name]);
        }

        Assert.False(first.Trials[2].SystemAttrs.ContainsKey(GpSampler.RelativeParamsKey));
        Assert.True(first.BestValue < 12, $"best {first.BestValue}");
    }

    [Fact]
    public void Startup_is_delegated_to_the_independent_sampler_including_relative_sampling()
    {
        var qmc = new QmcSampler(new QmcSamplerOptions { Seed = 5 });
        var gp = Run(new GpSamplerOptions { Seed = 1, StartupTrials = 6, IndependentSampler = qmc }, TestFunctions.Branin, 6);
        var reference = Study.Create(new StudyOptions { Sampler = new QmcSampler(new QmcSamplerOptions { Seed = 5 }) });
        reference.Optimize(TestFunctions.Branin, new OptimizeOptions { Trials = 6 });
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(reference.Trials[i].Params, gp.Trials[i].Params);
        }
    }

    [Fact]
    public void Parameters_outside_the_shared_space_are_sampled_independently_with_one_warning()
    {
        var logs = new ListLoggerFactory();
        var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 2, StartupTrials = 4, CandidatePoints = 128 }), LoggerFactory = logs });
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                var extra = t.Number % 2 == 0 ? t.SuggestFloat("extra", 0, 1) : 0;
                return ((x - 0.3) * (x - 0.3)) + extra;
            },
            new OptimizeOptions { Trials = 12 });
        Assert.Single(logs.Entries, e => e.Id.Id == 501);
        Assert.All(study.Trials.Skip(4), t => Assert.True(t.SystemAttrs.ContainsKey(GpSampler.RelativeParamsKey)));
    }

    [Theory]
    [InlineData(GpAcquisitionFunction.UpperConfidenceBound)]
    [InlineData(GpAcquisitionFunction.ProbabilityOfImprovement)]
    [InlineData(GpAcquisitionFunction.KnowledgeGradient)]
    public void Other_acquisition_functions_optimize(GpAcquisitionFunction acquisition)
    {
        var study = Run(
            new GpSamplerOptions { Seed = 4, Acquisition = acquisition, CandidatePoints = 256, KnowledgeGradientPoints = 32, LocalSearches = 4 },
            TestFunctions.Branin,
            30);
        Assert.True(study.BestValue - TestFunctions.BraninOptimum < 0.5, $"{acquisition}: regret {study.BestValue - TestFunctions.BraninOptimum}");
    }

    [Theory]
    [InlineData(GpPendingTrials.KrigingBeliever)]
    [InlineData(GpPendingTrials.ConstantLiar)]
    public void Running_trials_spread_parallel_workers_apart(GpPendingTrials pending)
    {
        static double Spread(GpPendingTrials strategy)
        {
            // A bowl with one minimum: without pending trials every worker aims at the same point.
            var study = Study.Create(new StudyOptions { Sampler = new GpSampler(new GpSamplerOptions { Seed = 9, StartupTrials = 5, PendingTrials = strategy }) });
            study.Optimize(
                t =>
                {
                    var a = t.SuggestFloat("x0", 0, 15);
                    var b = t.SuggestFloat("x1", 0, 15);
                    return ((a - 4) * (a - 4)) + ((b - 9) * (b - 9));
                },
                new OptimizeOptions { Trials = 8 });

            // Four workers ask before any of them suggests or tells: each sees the others' points only through the shared attribute.
            var asked = Enumerable.Range(0, 4).Select(_ => study.Ask()).ToList();
            var points = asked.Select(t => (IReadOnlyDictionary<string, object?>)t.SystemAttrs[GpSampler.RelativeParamsKey]!)
                .Select(p => ((double)p["x0"]! / 15, (double)p["x1"]! / 15))
                .ToList();
            var closest = double.PositiveInfinity;
            for (var a = 0; a < 4; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    var dx = points[a].Item1 - points[b].Item1;
                    var dy = points[a].Item2 - points[b].Item2;
                    closest = Math.Min(closest, Math.Sqrt((dx * dx) + (dy * dy)));
                }
            }

            return closest;
        }

        var ignored = Spread(GpPendingTrials.Ignore);
        var spread = Spread(pending);
        Assert.True(ignored < 0.01, $"without pending trials the workers pick nearly the same point (closest pair {ignored})");
        Assert.True(spread > 0.005 && spread > 10 * ignored, $"{pending}: closest pair {spread} vs {ignored} when ignored");
    }

    [Fact]
    public void Three_objectives_with_a_constraint_and_a_categorical_run_through_log_ehvi()
    {
        var study = Study.Create(new StudyOptions
        {
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize, StudyDirection.Minimize],
            Sampler = new GpSampler(new GpSamplerOptions { Seed = 6, StartupTrials = 6, CandidatePoints = 256, Constraints = t => [(double)t.Params["x"]! - 0.8] }),
        });
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                var y = t.SuggestFloat("y", 0, 1);
                var c = t.SuggestCategorical("c", Colors);
                var shift = c == "red" ? 0 : 0.3;
                return [x + shift, y - (x * x), (1 - x) + (1 - y)];
            },
            new OptimizeOptions { Trials = 20 });
        Assert.Equal(20, study.Trials.Count(t => t.State == TrialState.Complete));
        Assert.True(study.Trials.Skip(6).Count(Study.IsFeasible) >= 10);
        Assert.NotEmpty(study.BestTrials);
    }

    [Fact]
    public void Incremental_model_updates_equal_a_fresh_model()
    {
        var (x, y) = GaussianProcessTests.RandomData(40, 2, 17);
        bool[] categorical = [false, false];
        var settings = new GpFitSettings(GpKernelPrior.Optuna, false, RefitFraction: 0.2, MaxFitTrials: 400, Seed: 1);
        var cache = new GpModelCache();
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var numbers = Enumerable.Range(0, 40).ToList();
        cache.Update(numbers[..30], x.AsSpan(0, 60), y[..30], categorical, settings, logger, "test");
        var fitted = cache.Model!.Parameters;

        // 31 … 35 trials: below the refit interval (⌊30 × 0.2⌋ = 6), so the factor is extended, not refit.
        for (var n = 31; n <= 35; n++)
        {
            var model = cache.Update(numbers[..n], x.AsSpan(0, n * 2), y[..n], categorical, settings, logger, "test");
            Assert.Same(fitted, model.Parameters);
            var fresh = GaussianProcess.Create(x, n, categorical, y[..n], fitted);
            double[] point = [0.37, 0.81];
            Assert.Equal(fresh.Posterior(point, out var vf, new double[n]), model.Posterior(point, out var vm, new double[n]), 9);
            Assert.Equal(vf, vm, 9);
        }

        var refit = cache.Update(numbers[..36], x.AsSpan(0, 72), y[..36], categorical, settings, logger, "test");
        Assert.NotSame(fitted, refit.Parameters);
    }
}
