using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Tests.Pruners;

/// <summary>The sampler view of Hyperband (Attune's BOHB) and how TPE consults it.</summary>
public class BohbTests
{
    [Fact]
    public void Spearman_matches_scipy_with_ties()
    {
        Assert.Equal(0.6617647058823529, RankCorrelation.Spearman([1, 2, 2, 3, 5, 7], [2, 1, 4, 4, 3, 9]), 12);
        Assert.Equal(0.4, RankCorrelation.Spearman([0.3, 0.1, 0.9, 0.5], [3, 1, 2, 4]), 12);
        Assert.Equal(-1, RankCorrelation.Spearman([1, 2, 3], [3, 2, 1]), 12);
        Assert.Equal(0, RankCorrelation.Spearman([1, 1, 1], [3, 2, 1]));
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 2], [1, 2])));
    }

    /// <summary>
    /// A finished trial whose curve is <paramref name="noise"/> at step 1 and <paramref name="final"/>/2 at step 3,
    /// then <paramref name="final"/> at step 9: step 1 says nothing about the end, step 3 everything.
    /// </summary>
    private static TrialRecord Finished(Study study, double final, double noise, long lastStep)
    {
        var values = new SortedDictionary<long, double> { [1] = noise };
        if (lastStep >= 3)
        {
            values[3] = final / 2;
        }

        if (lastStep >= 9)
        {
            values[9] = final;
        }

        return study.AddTrial(new TrialRecord
        {
            State = lastStep >= 9 ? TrialState.Complete : TrialState.Pruned,
            Values = lastStep >= 9 ? [final] : null,
            Params = new Dictionary<string, object?> { ["x"] = final / 10 },
            Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) },
            IntermediateValues = values,
        });
    }

    [Fact]
    public void The_informative_view_keeps_trials_pruned_where_early_values_predict_the_end()
    {
        var pruner = new HyperbandPruner(new() { MinResource = 1, MaxResource = 9, ReductionFactor = 3 });
        var study = PrunerTestKit.NewStudy(pruner, name: "bohb");
        double[] noise = [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8];
        for (var i = 0; i < 4; i++)
        {
            Finished(study, final: i + 1, noise: noise[i], lastStep: 9);
        }

        var pruned1 = Finished(study, final: 5, noise: 0.4, lastStep: 1);
        var pruned3 = Finished(study, final: 6, noise: 0.6, lastStep: 3);
        var running = study.Ask();

        // Four completed trials cannot judge a step yet: every pruned trial is modelled.
        Assert.Equal([0, 1, 2, 3, pruned1.Number, pruned3.Number, running.Number], pruner.TrialsForSampler(study, running.Number)!.Select(t => t.Number));

        Finished(study, final: 7, noise: noise[4], lastStep: 9);
        var view = pruner.TrialsForSampler(study, 99)!.Select(t => t.Number).ToList();

        // Step 3 (ρ = 1) is informative, step 1 (noise, ρ = 0.3) is not.
        Assert.Contains(pruned3.Number, view);
        Assert.DoesNotContain(pruned1.Number, view);
        Assert.Contains(running.Number, view);
        Assert.Equal(7, view.Count); // five complete, one running, one pruned at step 3
        Assert.All(pruner.TrialsForSampler(study, 99)!, t => Assert.Same(study.Trials[t.Number], t));
    }

    /// <summary>A pruner that never prunes and shows samplers a fixed set of trials.</summary>
    private sealed class FixedView(IReadOnlyList<TrialRecord> view) : Pruner
    {
        public int Calls { get; private set; }

        public override bool Prune(Study study, TrialRecord trial) => false;

        public override IReadOnlyList<TrialRecord>? TrialsForSampler(Study study, int trialNumber)
        {
            Calls++;
            return view;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tpe_models_the_pruners_view_instead_of_the_study(bool multivariate)
    {
        // The view: 40 complete trials whose value is best near x = 0.8; numbers are arbitrary.
        var distribution = new FloatDistribution(0, 1);
        var view = Enumerable.Range(0, 40).Select(i => new TrialRecord
        {
            Number = 1000 + (7 * i),
            State = TrialState.Complete,
            Values = [Math.Abs((i / 39.0) - 0.8)],
            Params = new Dictionary<string, object?> { ["x"] = i / 39.0 },
            InternalParams = new Dictionary<string, double> { ["x"] = i / 39.0 },
            Distributions = new Dictionary<string, Distribution> { ["x"] = distribution },
        }).ToList();
        var pruner = new FixedView(view);
        var study = Study.Create(new StudyOptions
        {
            Pruner = pruner,
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, Multivariate = multivariate }),
        });

        // The study's own trials say the opposite (best near 0.1), but it has only these few.
        study.Optimize(t => Math.Abs(t.SuggestFloat("x", 0, 1) - 0.1), new OptimizeOptions { Trials = 30 });
        var xs = study.Trials.Select(t => (double)t.Params["x"]!).ToList();
        Assert.True(xs.Count(x => Math.Abs(x - 0.8) < 0.15) >= 20, string.Join(", ", xs));
        Assert.InRange(pruner.Calls, 30, 60); // once per trial (and at most once more per suggest)
    }

    [Fact]
    public void Bohb_runs_with_four_workers()
    {
        var study = Study.Create(new StudyOptions
        {
            Name = "bohb-parallel",
            Pruner = new HyperbandPruner(new() { MinResource = 1, MaxResource = 27, ReductionFactor = 3 }),
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, Multivariate = false }),
        });
        study.Optimize(
            trial =>
            {
                var x = trial.SuggestFloat("x", -2, 2);
                var y = trial.SuggestFloat("y", -2, 2);
                var value = 0.0;
                for (var step = 1; step <= 27; step++)
                {
                    value = (x * x) + (y * y) + (1.0 / step);
                    trial.Report(value, step);
                    if (trial.ShouldPrune())
                    {
                        throw new TrialPrunedException();
                    }
                }

                return value;
            },
            new OptimizeOptions { Trials = 150, Parallelism = 4 });
        Assert.All(study.Trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned));
        Assert.Contains(study.Trials, t => t.State == TrialState.Pruned);
        Assert.True(study.BestValue < 0.3, $"best {study.BestValue}");
    }
}
