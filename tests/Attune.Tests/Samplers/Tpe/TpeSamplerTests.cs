using Attune.Samplers;

namespace Attune.Tests.Samplers.Tpe;

public class TpeSamplerTests
{
    private static Study NewStudy(TpeSamplerOptions options, params StudyDirection[] directions) =>
        Study.Create(new StudyOptions { Sampler = new TpeSampler(options), Directions = directions.Length > 0 ? directions : null });

    private static double Quadratic(Trial trial)
    {
        var x = trial.SuggestFloat("x", -10, 10);
        var y = trial.SuggestFloat("y", -10, 10);
        return ((x - 3) * (x - 3)) + ((y + 1) * (y + 1));
    }

    [Fact]
    public void Defaults_follow_optuna_v5()
    {
        var options = new TpeSampler().Options;
        Assert.True(options.Multivariate);
        Assert.True(options.ConstantLiar);
        Assert.False(options.Group);
        Assert.Equal(10, options.StartupTrials);
        Assert.Equal(24, options.EiCandidates);
        Assert.Equal(1.0, options.PriorWeight);
        Assert.True(options.ConsiderMagicClip);
        Assert.False(options.ConsiderEndpoints);
        Assert.Null(options.Constraints);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    [InlineData(241, 25)]
    [InlineData(10000, 25)]
    public void Default_gamma_is_a_tenth_capped_at_25(int n, int expected) => Assert.Equal(expected, TpeSampler.DefaultGamma(n));

    [Fact]
    public void Default_weights_ramp_the_oldest_and_keep_the_newest_25_at_one()
    {
        Assert.Empty(TpeSampler.DefaultWeights(0));
        Assert.All(TpeSampler.DefaultWeights(24), w => Assert.Equal(1.0, w));
        Assert.All(TpeSampler.DefaultWeights(25), w => Assert.Equal(1.0, w));

        // numpy.linspace(1/30, 1, 5) then 25 ones.
        var weights = TpeSampler.DefaultWeights(30);
        double[] ramp = [1.0 / 30, (1.0 / 30) + (0.25 * 29 / 30), (1.0 / 30) + (0.5 * 29 / 30), (1.0 / 30) + (0.75 * 29 / 30), 1.0];
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ramp[i], weights[i], 12);
        }

        Assert.All(weights[5..], w => Assert.Equal(1.0, w));
        Assert.Equal(1.0 / 26, TpeSampler.DefaultWeights(26)[0], 15);
    }

    [Fact]
    public void Invalid_options_are_rejected_when_the_sampler_is_created()
    {
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { StartupTrials = -1 }));
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { EiCandidates = 0 }));
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { PriorWeight = 0 }));
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { PriorWeight = double.NaN }));
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { Gamma = null! }));
        var group = Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { Group = true, Multivariate = false }));
        Assert.Contains("Multivariate", group.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_trials_are_the_random_samplers_trials()
    {
        var tpe = NewStudy(new TpeSamplerOptions { Seed = 4, StartupTrials = 8 });
        var random = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 4 }) });
        tpe.Optimize(Quadratic, new OptimizeOptions { Trials = 12 });
        random.Optimize(Quadratic, new OptimizeOptions { Trials = 12 });
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(random.Trials[i].Params["x"], tpe.Trials[i].Params["x"]);
            Assert.Equal(random.Trials[i].Params["y"], tpe.Trials[i].Params["y"]);
        }

        // After the startup trials, TPE proposes its own points.
        Assert.NotEqual(random.Trials[9].Params["x"], tpe.Trials[9].Params["x"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_seed_gives_the_same_trials_and_another_seed_other_trials(bool multivariate)
    {
        IReadOnlyList<TrialRecord> Run(int seed)
        {
            var study = NewStudy(new TpeSamplerOptions { Seed = seed, Multivariate = multivariate });
            study.Optimize(BenchmarkFunctions.Mixed8, new OptimizeOptions { Trials = 40 });
            return study.Trials;
        }

        var first = Run(11);
        var again = Run(11);
        var other = Run(12);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(first[i].Params, again[i].Params);
            Assert.Equal(first[i].Value, again[i].Value);
        }

        Assert.NotEqual(first[20].Params["x1"], other[20].Params["x1"]);
    }

    [Fact]
    public void Multivariate_sampling_covers_the_shared_space_jointly_after_the_startup_trials()
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1 });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(Quadratic, new OptimizeOptions { Trials = 10 });
        var trial = study.Ask();
        var space = sampler.InferRelativeSearchSpace(study, trial);
        Assert.Equal(["x", "y"], space.Keys);
        var point = sampler.SampleRelative(study, trial, space);
        Assert.Equal(2, point.Count);
        Assert.InRange(point["x"], -10, 10);

        var univariate = new TpeSampler(new TpeSamplerOptions { Seed = 1, Multivariate = false });
        Assert.Empty(univariate.InferRelativeSearchSpace(study, trial));
    }

    [Fact]
    public void Every_kind_of_distribution_gets_values_inside_it()
    {
        foreach (var multivariate in new[] { true, false })
        {
            var study = NewStudy(new TpeSamplerOptions { Seed = 2, Multivariate = multivariate, StartupTrials = 5 });
            study.Optimize(
                t =>
                {
                    var a = t.SuggestFloat("a", -1, 1);
                    var b = t.SuggestFloat("b", 1e-5, 1e3, log: true);
                    var c = t.SuggestFloat("c", 0, 1, step: 0.1);
                    var d = t.SuggestInt("d", -3, 7);
                    var e = t.SuggestInt("e", 1, 4096, log: true);
                    var f = t.SuggestInt("f", 0, 100, step: 5);
                    var g = t.SuggestCategorical("g", ["p", "q", "r"]);
                    var single = t.SuggestFloat("single", 2, 2);
                    return (a * a) + Math.Abs(Math.Log10(b)) + c + Math.Abs(d - 2) + Math.Log2(e) + (f / 50.0) + (g == "q" ? 0 : 1) + single;
                },
                new OptimizeOptions { Trials = 40 });
            foreach (var trial in study.Trials)
            {
                Assert.Equal(TrialState.Complete, trial.State);
                foreach (var (name, value) in trial.InternalParams)
                {
                    Assert.True(trial.Distributions[name].Contains(value), $"{name} = {value} outside {trial.Distributions[name]}");
                }
            }
        }
    }

    [Fact]
    public void Constraints_are_stored_as_a_system_attribute_of_finished_trials()
    {
        var study = NewStudy(new TpeSamplerOptions { Seed = 3, Constraints = t => [(double)t.Params["x"]! - 2, -1] });
        study.Optimize(Quadratic, new OptimizeOptions { Trials = 15 });
        foreach (var trial in study.Trials)
        {
            var stored = Assert.IsAssignableFrom<IReadOnlyList<object?>>(trial.SystemAttrs[Study.ConstraintsKey]);
            Assert.Equal((double)trial.Params["x"]! - 2, (double)stored[0]!, 12);
            Assert.Equal(Study.IsFeasible(trial), (double)trial.Params["x"]! <= 2);
        }

        Assert.True((double)study.BestTrial.Params["x"]! <= 2);
    }

    [Fact]
    public void A_constraint_that_is_not_a_number_stops_the_run_with_a_clear_error()
    {
        var study = NewStudy(new TpeSamplerOptions { Seed = 3, Constraints = _ => [double.NaN] });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(Quadratic, new OptimizeOptions { Trials = 3 }));
        Assert.Contains("constraint", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parallel_workers_get_valid_points_from_one_shared_sampler()
    {
        var study = NewStudy(new TpeSamplerOptions { Seed = 5 });
        study.Optimize(
            t =>
            {
                var value = BenchmarkFunctions.Mixed8(t);
                Thread.Sleep(1);
                return value;
            },
            new OptimizeOptions { Trials = 80, Parallelism = 4 });
        Assert.Equal(80, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.True(study.BestValue < 20, $"best {study.BestValue}");
    }

    [Fact]
    public void Multi_objective_studies_are_sampled_after_the_startup_trials()
    {
        var study = NewStudy(new TpeSamplerOptions { Seed = 6 }, StudyDirection.Minimize, StudyDirection.Maximize);
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                var y = t.SuggestFloat("y", 0, 1);
                return [x + y, x - y];
            },
            new OptimizeOptions { Trials = 40 });
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.NotEmpty(study.BestTrials);
    }

    [Fact]
    public void A_parameter_whose_range_changes_is_sampled_inside_its_current_range()
    {
        // Old observations of x lie outside the new range: their kernels are truncated far in a tail.
        var study = NewStudy(new TpeSamplerOptions { Seed = 8 });
        study.Optimize(t => Math.Abs(t.SuggestFloat("x", 0, 10) - 1) + t.SuggestFloat("y", 0, 1), new OptimizeOptions { Trials = 20 });
        study.Optimize(t => Math.Abs(t.SuggestFloat("x", 5, 10, log: false, step: 0.5) - 1) + t.SuggestFloat("y", 0, 1), new OptimizeOptions { Trials = 20 });
        foreach (var trial in study.Trials.Skip(20))
        {
            var x = (double)trial.Params["x"]!;
            Assert.InRange(x, 5, 10);
            Assert.Equal(0, (x * 2) % 1);
        }

        // The changed parameter left the jointly modelled space; y stayed in it.
        var sampler = (TpeSampler)study.Sampler;
        Assert.Equal(["y"], sampler.InferRelativeSearchSpace(study, study.Ask()).Keys);
    }
}
