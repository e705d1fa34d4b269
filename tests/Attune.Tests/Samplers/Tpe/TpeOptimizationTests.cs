using System.Globalization;
using Attune.Samplers;
using Xunit.Abstractions;

namespace Attune.Tests.Samplers.Tpe;

/// <summary>
/// TPE against random search on the public benchmark functions, over fixed seeds: medians of simple
/// regret (multi-objective: hypervolume). The margins are wide enough for seed noise and narrow enough
/// that a sampler no better than random search (a broken kernel, an inverted or empty split) fails.
/// </summary>
[Trait("Category", "Statistical")]
public class TpeOptimizationTests(ITestOutputHelper output)
{
    private const int Seeds = 5;
    private const int Budget = 100;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
    }

    private static double[] Regrets(Func<int, Sampler> sampler, Func<Trial, double> objective, double optimum, int seeds)
    {
        var regrets = new double[seeds];
        for (var seed = 0; seed < seeds; seed++)
        {
            var study = Study.Create(new StudyOptions { Sampler = sampler(seed) });
            study.Optimize(objective, new OptimizeOptions { Trials = Budget });
            regrets[seed] = study.BestValue - optimum;
        }

        return regrets;
    }

    /// <summary>
    /// TPE's median regret is at most <paramref name="maxRatio"/> of random search's, and TPE beats random
    /// search's median on all seeds but <paramref name="misses"/>.
    /// </summary>
    private void AssertBeatsRandom(
        Func<int, TpeSamplerOptions> options, Func<Trial, double> objective, double optimum, double maxRatio, int seeds = Seeds, int misses = 1)
    {
        var tpe = Regrets(seed => new TpeSampler(options(seed)), objective, optimum, seeds);
        var random = Regrets(seed => new RandomSampler(new RandomSamplerOptions { Seed = seed }), objective, optimum, seeds);
        var message = $"median regret TPE {Median(tpe):G4} [{string.Join(", ", tpe.Select(r => r.ToString("G3", CultureInfo.InvariantCulture)))}], " +
            $"random {Median(random):G4} [{string.Join(", ", random.Select(r => r.ToString("G3", CultureInfo.InvariantCulture)))}]";
        output.WriteLine(message);
        Assert.True(Median(tpe) <= maxRatio * Median(random), message);
        Assert.True(tpe.Count(r => r < Median(random)) >= seeds - misses, message);
    }

    [Fact]
    public void Beats_random_search_on_branin() =>
        AssertBeatsRandom(seed => new TpeSamplerOptions { Seed = seed }, BenchmarkFunctions.Branin, BenchmarkFunctions.BraninOptimum, 0.25);

    [Fact]
    public void Beats_random_search_on_hartmann6() =>
        AssertBeatsRandom(seed => new TpeSamplerOptions { Seed = seed }, BenchmarkFunctions.Hartmann6, BenchmarkFunctions.Hartmann6Optimum, 0.25);

    [Fact]
    public void Beats_random_search_on_the_mixed_space() =>
        AssertBeatsRandom(seed => new TpeSamplerOptions { Seed = seed }, BenchmarkFunctions.Mixed8, 0, 0.6);

    [Fact]
    public void Beats_random_search_on_the_conditional_space_with_groups() =>
        // The svm branch is a wide decoy (best 0.2): a run whose good trials are all svm stays there, as Optuna's does,
        // so this one takes more seeds and allows a third of them to miss (at 50 seeds, a quarter to a third do).
        AssertBeatsRandom(seed => new TpeSamplerOptions { Seed = seed, Group = true }, BenchmarkFunctions.Conditional, 0, 0.5, seeds: 15, misses: 5);

    [Fact]
    public void Univariate_mode_beats_random_search() =>
        AssertBeatsRandom(seed => new TpeSamplerOptions { Seed = seed, Multivariate = false }, BenchmarkFunctions.Hartmann6, BenchmarkFunctions.Hartmann6Optimum, 0.5);

    [Fact]
    public void Groups_model_each_branch_of_the_conditional_space_jointly()
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, Group = true });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(BenchmarkFunctions.Conditional, new OptimizeOptions { Trials = 60 });
        var trial = study.Ask();
        var space = sampler.InferRelativeSearchSpace(study, trial);
        Assert.Equal(
            ["gbt_lr", "gbt_max_depth", "gbt_n_estimators", "gbt_subsample", "model", "svm_C", "svm_gamma", "svm_kernel"],
            space.Keys.Order(StringComparer.Ordinal));
        var point = sampler.SampleRelative(study, trial, space);
        Assert.Equal(space.Count, point.Count);

        // Without groups only "model" is shared by every trial; the branches are sampled one parameter at a time.
        var plain = new TpeSampler(new TpeSamplerOptions { Seed = 3 });
        var other = Study.Create(new StudyOptions { Sampler = plain });
        other.Optimize(BenchmarkFunctions.Conditional, new OptimizeOptions { Trials = 20 });
        Assert.Equal(["model"], plain.InferRelativeSearchSpace(other, other.Ask()).Keys);
    }

    [Fact]
    public void Constraints_steer_away_from_the_infeasible_region()
    {
        // Two basins: the global minimum (5, 5) lies in the infeasible half x + y > 0, a slightly worse
        // one (−5, −5) inside the feasible half.
        static double TwoBasins(Trial trial)
        {
            var x = trial.SuggestFloat("x", -10, 10);
            var y = trial.SuggestFloat("y", -10, 10);
            return Math.Min(((x - 5) * (x - 5)) + ((y - 5) * (y - 5)), ((x + 5) * (x + 5)) + ((y + 5) * (y + 5)) + 1);
        }

        static double[] Constraint(TrialRecord trial) => [(double)trial.Params["x"]! + (double)trial.Params["y"]!];

        static double FeasibleShare(Func<int, Sampler> sampler)
        {
            var feasible = 0;
            var counted = 0;
            for (var seed = 0; seed < 3; seed++)
            {
                var study = Study.Create(new StudyOptions { Sampler = sampler(seed) });
                study.Optimize(TwoBasins, new OptimizeOptions { Trials = 80 });
                foreach (var trial in study.Trials.Skip(10))
                {
                    counted++;
                    feasible += Constraint(trial)[0] <= 0 ? 1 : 0;
                }
            }

            return feasible / (double)counted;
        }

        var constrained = FeasibleShare(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Constraints = Constraint }));
        var unconstrained = FeasibleShare(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }));
        var random = FeasibleShare(seed => new RandomSampler(new RandomSamplerOptions { Seed = seed }));
        var message = $"feasible share after the startup trials: constrained TPE {constrained:P0}, TPE without constraints {unconstrained:P0}, random {random:P0}";
        output.WriteLine(message);
        Assert.InRange(random, 0.35, 0.65);
        // Narrow good kernels leave room for the prior's candidates in empty (half infeasible) space: 85 % at 0.3, 94 % at 1.
        Assert.True(constrained >= 0.8, message);
        Assert.True(constrained >= unconstrained + 0.3, message);
    }

    [Fact]
    public void Multi_objective_tpe_reaches_a_larger_hypervolume_than_random_search_on_zdt1()
    {
        double Hypervolume(Func<int, Sampler> sampler)
        {
            var volumes = new double[3];
            for (var seed = 0; seed < volumes.Length; seed++)
            {
                var study = Study.Create(new StudyOptions { Sampler = sampler(seed), Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
                study.Optimize(BenchmarkFunctions.Zdt1, new OptimizeOptions { Trials = 300 });
                volumes[seed] = BenchmarkFunctions.Hypervolume2D(study.Trials.Where(t => t.State == TrialState.Complete).Select(t => t.Values!), 11, 11);
            }

            return Median(volumes);
        }

        var tpe = Hypervolume(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }));
        var random = Hypervolume(seed => new RandomSampler(new RandomSamplerOptions { Seed = seed }));
        output.WriteLine($"median hypervolume on ZDT1 after 300 trials: TPE {tpe:F2}, random {random:F2}, true front {BenchmarkFunctions.Zdt1HypervolumeOptimum:F2}");
        Assert.True(tpe >= random + 4, $"hypervolume TPE {tpe:F2}, random {random:F2} (the true front has {BenchmarkFunctions.Zdt1HypervolumeOptimum:F2})");
    }
}
