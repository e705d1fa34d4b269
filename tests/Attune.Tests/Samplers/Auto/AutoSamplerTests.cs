using Attune.Samplers;
using Attune.Tests.Storage.Journal;

namespace Attune.Tests.Samplers.Auto;

public class AutoSamplerTests
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    private static double Sphere(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 5);
        var y = t.SuggestFloat("y", -5, 5);
        return ((x - 1) * (x - 1)) + ((y + 2) * (y + 2));
    }

    private static double Branin(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 10);
        var y = t.SuggestFloat("y", 0, 15);
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, s = 1 / (8 * Math.PI);
        var u = y - (b * x * x) + (c * x) - 6;
        return (u * u) + (10 * (1 - s) * Math.Cos(x)) + 10 - 0.397887357729738;
    }

    private static Study Run(AutoSamplerOptions options, Func<Trial, double> objective, int trials)
    {
        var study = Study.Create(new StudyOptions { Sampler = new AutoSampler(options) });
        study.Optimize(objective, new OptimizeOptions { Trials = trials });
        return study;
    }

    private static long Generation(string cmaState)
    {
        using var json = System.Text.Json.JsonDocument.Parse(cmaState);
        return json.RootElement.GetProperty("generation").GetInt64();
    }

    private static AutoSamplerChoice?[] Choices(Study study) => [.. study.Trials.Select(AutoSampler.ChoiceOf)];

    public static TheoryData<AutoSamplerOptions, string> InvalidOptions => new()
    {
        { new AutoSamplerOptions { StartupTrials = 0 }, "StartupTrials" },
        { new AutoSamplerOptions { GaussianProcessTrials = -4 }, "-4" },
        { new AutoSamplerOptions { GaussianProcessMaxTrials = -5 }, "GaussianProcessMaxTrials" },
        { new AutoSamplerOptions { MultiObjectiveTpeTrials = -7 }, "-7" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_throw_and_name_the_value(AutoSamplerOptions options, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => new AutoSampler(options));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_the_default_sampler_of_single_and_multi_objective_studies()
    {
        using var single = Study.Create();
        Assert.Equal(new AutoSamplerOptions(), Assert.IsType<AutoSampler>(single.Sampler).Options);
        using var multi = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        Assert.Equal(new AutoSamplerOptions(), Assert.IsType<AutoSampler>(multi.Sampler).Options);
    }

    [Fact]
    public void A_numerical_space_starts_at_random_runs_the_gaussian_process_then_continues_with_warm_started_cma_es()
    {
        using var study = Run(new AutoSamplerOptions { Seed = 1, GaussianProcessTrials = 20 }, Sphere, 40);
        var choices = Choices(study);
        Assert.All(choices[..10], c => Assert.Equal(AutoSamplerChoice.Startup, c));
        Assert.All(choices[10..20], c => Assert.Equal(AutoSamplerChoice.GaussianProcess, c));
        Assert.All(choices[20..], c => Assert.Equal(AutoSamplerChoice.CmaEs, c));
        Assert.True(study.SystemAttrs.ContainsKey(CmaEsSampler.StateKey));

        // The warm start centres CMA-ES on the good region the GP found; started cold from the centre of
        // the square with its default step size, the median of its first trials would be near 10.
        var cmaValues = study.Trials.Skip(20).Select(t => t.Value!.Value).Order().ToArray();
        Assert.True(cmaValues[cmaValues.Length / 2] < 3, $"median CMA-ES value {cmaValues[cmaValues.Length / 2]}");
    }

    [Fact]
    public void A_conditional_space_uses_tpe()
    {
        using var study = Run(new AutoSamplerOptions { Seed = 2 }, t =>
        {
            var kind = t.SuggestCategorical("kind", ["linear", "tree"]);
            return kind == "linear" ? Math.Abs(t.SuggestFloat("alpha", 0, 1) - 0.3) : 1 + t.SuggestInt("depth", 1, 10);
        }, 25);
        var choices = Choices(study);
        Assert.All(choices[..10], c => Assert.Equal(AutoSamplerChoice.Startup, c));
        Assert.All(choices[10..], c => Assert.Equal(AutoSamplerChoice.Tpe, c));
    }

    [Fact]
    public void A_categorical_space_keeps_the_gaussian_process_to_its_maximum_then_uses_tpe()
    {
        using var study = Run(new AutoSamplerOptions { Seed = 3, GaussianProcessTrials = 11, GaussianProcessMaxTrials = 15 }, t =>
        {
            var x = t.SuggestFloat("x", -3, 3);
            return (x * x) + (t.SuggestCategorical("color", Colors) == "green" ? 0 : 1);
        }, 25);
        var choices = Choices(study);
        Assert.All(choices[10..15], c => Assert.Equal(AutoSamplerChoice.GaussianProcess, c));
        Assert.All(choices[15..], c => Assert.Equal(AutoSamplerChoice.Tpe, c));
    }

    [Fact]
    public void Pruned_trials_switch_to_tpe()
    {
        using var study = Study.Create(new StudyOptions { Sampler = new AutoSampler(new AutoSamplerOptions { Seed = 4 }) });
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", 0, 1);
            if (t.Number == 12)
            {
                throw new TrialPrunedException();
            }

            return x;
        }, new OptimizeOptions { Trials = 20 });
        var choices = Choices(study);
        Assert.All(choices[10..13], c => Assert.Equal(AutoSamplerChoice.GaussianProcess, c));
        Assert.All(choices[13..], c => Assert.Equal(AutoSamplerChoice.Tpe, c));
    }

    [Fact]
    public void Several_objectives_use_tpe_then_nsga_ii()
    {
        using var study = Study.Create(new StudyOptions
        {
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
            Sampler = new AutoSampler(new AutoSamplerOptions { Seed = 5, MultiObjectiveTpeTrials = 20 }),
        });
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", 0, 1);
            var y = t.SuggestFloat("y", 0, 1);
            return [x, 1 - Math.Sqrt(x) + y];
        }, new OptimizeOptions { Trials = 30 });
        var choices = Choices(study);
        Assert.All(choices[10..20], c => Assert.Equal(AutoSamplerChoice.Tpe, c));
        Assert.All(choices[20..], c => Assert.Equal(AutoSamplerChoice.NsgaII, c));
    }

    [Fact]
    public void Constraints_are_recorded_on_every_trial_and_steer_the_search_to_the_feasible_region()
    {
        // Feasible only where x >= 2; the unconstrained optimum x = 0 is infeasible.
        using var study = Run(new AutoSamplerOptions { Seed = 6, GaussianProcessTrials = 11, GaussianProcessMaxTrials = 25, Constraints = r => [2 - (double)r.Params["x"]!] }, t =>
        {
            var x = t.SuggestFloat("x", -5, 5);
            return x * x;
        }, 40);
        Assert.All(study.Trials, t => Assert.True(t.SystemAttrs.ContainsKey(Study.ConstraintsKey), $"trial {t.Number} has no constraints"));
        Assert.All(Choices(study)[25..], c => Assert.Equal(AutoSamplerChoice.Tpe, c));
        var best = study.BestTrial;
        Assert.InRange((double)best.Params["x"]!, 2, 2.1);

        // The constrained Gaussian process keeps to the boundary of the feasible side (random search: 30 % of trials there).
        var feasible = study.Trials.Skip(10).Take(15).Count(t => (double)t.Params["x"]! >= 1.99);
        Assert.True(feasible >= 12, $"{feasible} of the 15 Gaussian-process trials at x >= 1.99");
    }

    [Fact]
    public void A_seed_reproduces_the_study_across_the_switches()
    {
        var options = new AutoSamplerOptions { Seed = 7, GaussianProcessTrials = 15 };
        using var first = Run(options, Sphere, 30);
        using var second = Run(options, Sphere, 30);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(first.Trials[i].Params, second.Trials[i].Params);
        }
    }

    [Fact]
    public void A_resumed_study_continues_with_the_same_cma_es_state()
    {
        using var dir = new TempDirectory();
        var url = $"journal:{Path.Combine(dir.Path, "auto.journal")}";
        var options = new AutoSamplerOptions { Seed = 8, GaussianProcessTrials = 12 };
        string stateBefore;
        using (var study = Study.Create(new StudyOptions { Name = "auto", Storage = url, Sampler = new AutoSampler(options) }))
        {
            study.Optimize(Sphere, new OptimizeOptions { Trials = 30 });
            stateBefore = (string)study.SystemAttrs[CmaEsSampler.StateKey]!;
        }

        using var resumed = Study.Load("auto", url, new AutoSampler(options));
        resumed.Optimize(Sphere, new OptimizeOptions { Trials = 10 });
        Assert.All(Choices(resumed)[30..], c => Assert.Equal(AutoSamplerChoice.CmaEs, c));
        var stateAfter = (string)resumed.SystemAttrs[CmaEsSampler.StateKey]!;

        // The resumed sampler went on from the stored generation instead of starting a new search.
        Assert.True(Generation(stateAfter) > Generation(stateBefore), $"generation {Generation(stateBefore)} -> {Generation(stateAfter)}");
    }

    [Fact]
    public void Finds_the_branin_optimum_far_better_than_random_search()
    {
        double[] autoRegrets = [.. Enumerable.Range(0, 3).Select(s => Run(new AutoSamplerOptions { Seed = s }, Branin, 40).BestValue)];
        double[] randomRegrets = [.. Enumerable.Range(0, 3).Select(s =>
        {
            using var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = s }) });
            study.Optimize(Branin, new OptimizeOptions { Trials = 40 });
            return study.BestValue;
        })];

        // GP-driven search gets within 1e-2 of Branin's optimum in 40 trials; random search stays near 0.3.
        Assert.All(autoRegrets, r => Assert.True(r < 0.02, $"regret {r}"));
        Assert.True(autoRegrets.Max() * 10 < randomRegrets.Order().ElementAt(1), $"auto {string.Join(", ", autoRegrets)}; random {string.Join(", ", randomRegrets)}");
    }
}
