using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Tests.Samplers.Tpe;

/// <summary>
/// <see cref="TpeSamplerOptions.GoodBandwidthFactor"/> and <see cref="TpeSamplerOptions.Recombination"/>: validation, where
/// they apply, and what they change.
/// </summary>
public class GoodBandwidthFactorTests
{
    private const int Dimensions = 4;

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.3)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Factors_outside_zero_to_one_are_rejected(double factor)
    {
        var error = Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { GoodBandwidthFactor = factor }));
        Assert.Contains("GoodBandwidthFactor", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Recombination_shares_outside_zero_to_one_are_rejected(double share)
    {
        var error = Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { Recombination = share }));
        Assert.Contains("Recombination", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recombined_candidates_take_coordinates_from_different_good_trials()
    {
        // Joint kernels propose near one good trial; a recombined candidate takes each coordinate from a good trial of
        // its own, so it lies farther from every single one of them.
        var history = History();
        var good = history.OrderBy(t => t.Value).Take(TpeSampler.DefaultGamma(history.Count)).Select(Point).ToArray();
        double MeanDistance(double share) =>
            Proposals(history, new TpeSamplerOptions { Recombination = share, GoodBandwidthFactor = 0.3 })
                .Average(p => good.Min(g => Math.Sqrt(p.Zip(g).Sum(z => (z.First - z.Second) * (z.First - z.Second)))));
        var joint = MeanDistance(0);
        var recombined = MeanDistance(1);
        Assert.True(recombined > 1.3 * joint, $"mean distance to the nearest good trial: joint {joint:G3}, recombined {recombined:G3}");
    }

    [Fact]
    public void Narrower_good_kernels_keep_joint_proposals_closer_to_the_good_trials()
    {
        var history = History();
        var good = history.OrderBy(t => t.Value).Take(TpeSampler.DefaultGamma(history.Count)).Select(Point).ToArray();
        var narrow = MeanDistanceToGood(history, good, new TpeSamplerOptions { GoodBandwidthFactor = 0.3, Recombination = 0 });
        var wide = MeanDistanceToGood(history, good, new TpeSamplerOptions { GoodBandwidthFactor = 1, Recombination = 0 });
        var byDefault = MeanDistanceToGood(history, good, new TpeSamplerOptions { Recombination = 0 });

        // The factor scales every good kernel, so the typical distance of a candidate shrinks about in proportion.
        Assert.True(narrow < 0.6 * wide, $"mean distance to the nearest good trial: factor 0.3 {narrow:G3}, factor 1 {wide:G3}");
        Assert.Equal(narrow, byDefault);
    }

    [Fact]
    public void Univariate_sampling_and_several_objectives_keep_the_wide_kernels()
    {
        var history = History();
        Assert.Equal(
            Proposals(history, new TpeSamplerOptions { Multivariate = false, GoodBandwidthFactor = 1, Recombination = 0 }),
            Proposals(history, new TpeSamplerOptions { Multivariate = false, GoodBandwidthFactor = 0.3, Recombination = 0.75 }));

        var twoObjectives = History(objectives: 2);
        Assert.Equal(
            Proposals(twoObjectives, new TpeSamplerOptions { GoodBandwidthFactor = 1, Recombination = 0 }, objectives: 2),
            Proposals(twoObjectives, new TpeSamplerOptions(), objectives: 2));
        Assert.NotEqual(
            Proposals(twoObjectives, new TpeSamplerOptions { GoodBandwidthFactor = 1 }, objectives: 2),
            Proposals(twoObjectives, new TpeSamplerOptions { GoodBandwidthFactor = 0.3 }, objectives: 2));
    }

    [Fact]
    public void The_default_factor_finds_branins_minimum_closer_than_optunas_bandwidths()
    {
        double MedianRegret(double? factor)
        {
            var regrets = new List<double>();
            for (var seed = 0; seed < 10; seed++)
            {
                var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed, GoodBandwidthFactor = factor, Recombination = 0 }) });
                study.Optimize(BenchmarkFunctions.Branin, new OptimizeOptions { Trials = 100 });
                regrets.Add(study.BestValue - BenchmarkFunctions.BraninOptimum);
            }

            regrets.Sort();
            return (regrets[4] + regrets[5]) / 2;
        }

        // Measured: 0.0069 against 0.042 over these seeds (docs/samplers.md); a factor that is not applied gives equal medians.
        var narrow = MedianRegret(null);
        var wide = MedianRegret(1);
        Assert.True(narrow < 0.5 * wide, $"median regret after 100 trials: default {narrow:G3}, factor 1 {wide:G3}");
    }

    private static Dictionary<string, Distribution> Space() =>
        Enumerable.Range(0, Dimensions).ToDictionary(i => $"x{i}", _ => (Distribution)new FloatDistribution(-5, 5));

    private static double[] Point(TrialRecord trial) =>
        [.. Enumerable.Range(0, Dimensions).Select(i => (double)trial.Params[$"x{i}"]!)];

    /// <summary>60 random trials of a sphere centred at 1 (and, for two objectives, one centred at −1).</summary>
    private static List<TrialRecord> History(int objectives = 1)
    {
        var random = new SeededRandom(11);
        var space = Space();
        var trials = new List<TrialRecord>();
        for (var t = 0; t < 60; t++)
        {
            var x = Enumerable.Range(0, Dimensions).Select(_ => random.NextDouble(-5, 5)).ToArray();
            var values = Enumerable.Range(0, objectives).Select(o => x.Sum(v => (v - (o == 0 ? 1 : -1)) * (v - (o == 0 ? 1 : -1)))).ToArray();
            trials.Add(new TrialRecord
            {
                State = TrialState.Complete,
                Values = values,
                Params = Enumerable.Range(0, Dimensions).ToDictionary(i => $"x{i}", i => (object?)x[i]),
                Distributions = space,
            });
        }

        return trials;
    }

    private static List<double[]> Proposals(List<TrialRecord> history, TpeSamplerOptions options, int objectives = 1)
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new TpeSampler(options with { Seed = 5 }),
            Directions = [.. Enumerable.Repeat(StudyDirection.Minimize, objectives)],
        });
        foreach (var trial in history)
        {
            study.AddTrial(trial);
        }

        var proposals = new List<double[]>();
        for (var i = 0; i < 100; i++)
        {
            var trial = study.Ask(Space());
            proposals.Add([.. Enumerable.Range(0, Dimensions).Select(d => (double)trial.Params[$"x{d}"]!)]);
            study.Tell(trial, TrialState.Fail);
        }

        return proposals;
    }

    private static double MeanDistanceToGood(List<TrialRecord> history, double[][] good, TpeSamplerOptions options) =>
        Proposals(history, options).Average(p => good.Min(g => Math.Sqrt(p.Zip(g).Sum(z => (z.First - z.Second) * (z.First - z.Second)))));
}
