using Attune.Samplers;
using Attune.Tests.Samplers.Tpe;

namespace Attune.Tests.Samplers.RandomForest;

public class RandomForestSamplerTests
{
    private static Study Run(Sampler sampler, Func<Trial, double> objective, int trials, StudyDirection direction = StudyDirection.Minimize)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler, Direction = direction });
        study.Optimize(objective, new OptimizeOptions { Trials = trials });
        return study;
    }

    [Fact]
    public void Same_seed_gives_the_same_trials()
    {
        var first = Run(new RandomForestSampler(new RandomForestSamplerOptions { Seed = 7 }), BenchmarkFunctions.Mixed8, 20);
        var second = Run(new RandomForestSampler(new RandomForestSamplerOptions { Seed = 7 }), BenchmarkFunctions.Mixed8, 20);
        var other = Run(new RandomForestSampler(new RandomForestSamplerOptions { Seed = 8 }), BenchmarkFunctions.Mixed8, 20);

        Assert.Equal(first.Trials.Select(t => t.Value), second.Trials.Select(t => t.Value));
        Assert.NotEqual(first.Trials.Select(t => t.Value), other.Trials.Select(t => t.Value));
    }

    [Fact]
    public void Startup_trials_come_from_the_independent_sampler()
    {
        var forest = Run(new RandomForestSampler(new RandomForestSamplerOptions { Seed = 3, StartupTrials = 5 }), BenchmarkFunctions.Mixed8, 6);
        var random = Run(new RandomSampler(new RandomSamplerOptions { Seed = 3 }), BenchmarkFunctions.Mixed8, 6);

        Assert.Equal(random.Trials.Take(5).Select(t => t.Value), forest.Trials.Take(5).Select(t => t.Value));
        Assert.NotEqual(random.Trials[5].Value, forest.Trials[5].Value);
    }

    [Fact]
    public void Samples_conditional_spaces_with_values_in_their_distributions()
    {
        var study = Run(new RandomForestSampler(new RandomForestSamplerOptions { Seed = 1 }), BenchmarkFunctions.Conditional, 30);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        foreach (var trial in study.Trials)
        {
            foreach (var (name, value) in trial.InternalParams)
            {
                Assert.True(trial.Distributions[name].Contains(value), $"{name} = {value}");
            }

            Assert.Equal((string)trial.Params["model"]! == "svm" ? 4 : 5, trial.Params.Count);
        }
    }

    [Fact]
    public void Maximizes_when_asked()
    {
        static double Objective(Trial t) => -Math.Abs(t.SuggestFloat("x", -10, 10) - 3) - (t.SuggestCategorical("c", ["a", "b"]) == "b" ? 0 : 5);

        var study = Run(new RandomForestSampler(new RandomForestSamplerOptions { Seed = 2 }), Objective, 40, StudyDirection.Maximize);

        Assert.True(study.BestValue > -0.5, $"best {study.BestValue}");
        Assert.Equal("b", study.BestParams["c"]);
    }

    [Fact]
    public void A_multi_objective_study_is_an_error()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new RandomForestSampler(new RandomForestSamplerOptions { Seed = 1 }),
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
        });

        var e = Assert.Throws<InvalidOperationException>(() => study.Ask());
        Assert.Contains("one objective", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(RandomForestSamplerOptions.StartupTrials))]
    [InlineData(nameof(RandomForestSamplerOptions.Trees))]
    [InlineData(nameof(RandomForestSamplerOptions.MinSamplesSplit))]
    [InlineData(nameof(RandomForestSamplerOptions.MinSamplesLeaf))]
    [InlineData(nameof(RandomForestSamplerOptions.FeatureFraction))]
    [InlineData(nameof(RandomForestSamplerOptions.RandomCandidates))]
    [InlineData(nameof(RandomForestSamplerOptions.LocalSearches))]
    [InlineData(nameof(RandomForestSamplerOptions.RandomInterval))]
    public void Rejects_options_out_of_range(string option)
    {
        var options = option switch
        {
            nameof(RandomForestSamplerOptions.StartupTrials) => new RandomForestSamplerOptions { StartupTrials = -1 },
            nameof(RandomForestSamplerOptions.Trees) => new RandomForestSamplerOptions { Trees = 0 },
            nameof(RandomForestSamplerOptions.MinSamplesSplit) => new RandomForestSamplerOptions { MinSamplesSplit = 1 },
            nameof(RandomForestSamplerOptions.MinSamplesLeaf) => new RandomForestSamplerOptions { MinSamplesLeaf = 0 },
            nameof(RandomForestSamplerOptions.FeatureFraction) => new RandomForestSamplerOptions { FeatureFraction = 0 },
            nameof(RandomForestSamplerOptions.RandomCandidates) => new RandomForestSamplerOptions { RandomCandidates = 0 },
            nameof(RandomForestSamplerOptions.LocalSearches) => new RandomForestSamplerOptions { LocalSearches = -1 },
            _ => new RandomForestSamplerOptions { RandomInterval = -1 },
        };

        var e = Assert.Throws<ArgumentException>(() => new RandomForestSampler(options));
        Assert.Contains(option, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interleaves_random_proposals_when_asked()
    {
        var forest = Run(new RandomForestSampler(new RandomForestSamplerOptions { Seed = 4, StartupTrials = 4, RandomInterval = 2 }), BenchmarkFunctions.Mixed8, 8);
        var random = Run(new RandomSampler(new RandomSamplerOptions { Seed = 4 }), BenchmarkFunctions.Mixed8, 8);

        // Trials 5 and 7 (every second trial) are the independent sampler's.
        Assert.Equal(random.Trials[5].Value, forest.Trials[5].Value);
        Assert.Equal(random.Trials[7].Value, forest.Trials[7].Value);
        Assert.NotEqual(random.Trials[4].Value, forest.Trials[4].Value);
    }
}
