using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Tests.Pruners;

public class MedianPrunerTests
{
    private static Study StudyWith(MedianPrunerOptions options, StudyDirection direction = StudyDirection.Minimize) =>
        Study.Create(new StudyOptions { Direction = direction, Pruner = new MedianPruner(options), Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });

    private static void Complete(Study study, params double[] curve)
    {
        var t = study.Ask();
        for (var step = 0; step < curve.Length; step++)
        {
            t.Report(curve[step], step);
        }

        study.Tell(t, curve[^1]);
    }

    [Fact]
    public void Prunes_a_trial_worse_than_the_median_at_its_step()
    {
        var study = StudyWith(new MedianPrunerOptions { StartupTrials = 3 });
        Complete(study, 1, 0.8);
        Complete(study, 2, 0.9);
        Complete(study, 3, 1.0);
        var good = study.Ask();
        good.Report(1.5, 0);
        Assert.False(good.ShouldPrune());
        var bad = study.Ask();
        bad.Report(2.5, 0);
        Assert.True(bad.ShouldPrune());
        bad.Report(0.5, 1);
        Assert.False(bad.ShouldPrune()); // its best (0.5) beats the step-1 median (0.9)
    }

    [Fact]
    public void Maximize_flips_the_comparison()
    {
        var study = StudyWith(new MedianPrunerOptions { StartupTrials = 3 }, StudyDirection.Maximize);
        Complete(study, 1);
        Complete(study, 2);
        Complete(study, 3);
        var low = study.Ask();
        low.Report(1.5, 0);
        Assert.True(low.ShouldPrune());
        var high = study.Ask();
        high.Report(2.5, 0);
        Assert.False(high.ShouldPrune());
    }

    [Fact]
    public void Startup_trials_and_warmup_steps_hold_off_pruning()
    {
        var study = StudyWith(new MedianPrunerOptions { StartupTrials = 2, WarmupSteps = 2 });
        Complete(study, 1, 1, 1, 1);
        var early = study.Ask();
        early.Report(100, 0);
        Assert.False(early.ShouldPrune()); // one completed trial < 2 startup trials
        study.Tell(early, TrialState.Fail);
        Complete(study, 1, 1, 1, 1);
        var t = study.Ask();
        t.Report(100, 0);
        Assert.False(t.ShouldPrune());
        t.Report(100, 1);
        Assert.False(t.ShouldPrune());
        t.Report(100, 2);
        Assert.True(t.ShouldPrune());
    }

    [Fact]
    public void Interval_steps_checks_once_per_interval()
    {
        var study = StudyWith(new MedianPrunerOptions { StartupTrials = 1, IntervalSteps = 3 });
        Complete(study, 0, 0, 0, 0, 0, 0, 0);
        var t = study.Ask();
        t.Report(9, 0);
        Assert.True(t.ShouldPrune());   // step 0 is a pruning step
        t.Report(9, 1);
        Assert.False(t.ShouldPrune());  // steps 1 and 2 are between pruning steps
        t.Report(9, 2);
        Assert.False(t.ShouldPrune());
        t.Report(9, 4);
        Assert.True(t.ShouldPrune());   // first report at or after step 3
        t.Report(9, 5);
        Assert.False(t.ShouldPrune());  // step 3's interval was already checked at step 4
    }

    [Fact]
    public void A_trial_with_only_nan_values_is_pruned_and_one_without_reports_is_not()
    {
        var study = StudyWith(new MedianPrunerOptions { StartupTrials = 1 });
        Complete(study, 1);
        var silent = study.Ask();
        Assert.False(silent.ShouldPrune());
        silent.Report(double.NaN, 0);
        Assert.True(silent.ShouldPrune());
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new MedianPruner(new MedianPrunerOptions { StartupTrials = -1 }));
        Assert.Throws<ArgumentException>(() => new MedianPruner(new MedianPrunerOptions { WarmupSteps = -1 }));
        Assert.Throws<ArgumentException>(() => new MedianPruner(new MedianPrunerOptions { IntervalSteps = 0 }));
        Assert.Throws<ArgumentException>(() => new MedianPruner(new MedianPrunerOptions { MinTrials = 0 }));
    }

    [Fact]
    public void Pruning_saves_steps_on_a_noisy_learning_curve_benchmark()
    {
        // Each trial has a quality q; its loss curve decays towards q. Median pruning should stop
        // bad trials early while keeping the best one.
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        var steps = 0;
        study.Optimize(
            t =>
            {
                var q = t.SuggestFloat("q", 0, 1);
                double loss = 0;
                for (var step = 0; step < 20; step++)
                {
                    steps++;
                    loss = q + (1.0 / (step + 1));
                    t.Report(loss, step);
                    if (t.ShouldPrune())
                    {
                        throw new TrialPrunedException();
                    }
                }

                return loss;
            },
            new OptimizeOptions { Trials = 60 });
        Assert.True(study.GetTrials(TrialState.Pruned).Count >= 20, $"pruned {study.GetTrials(TrialState.Pruned).Count}");
        Assert.True(steps < 60 * 20 * 0.7, $"steps {steps}");
        var bestQ = (double)study.BestParams["q"]!;
        var allQ = study.Trials.Select(t => (double)t.Params["q"]!).Min();
        Assert.True(bestQ - allQ < 0.05, $"best q {bestQ} vs min q {allQ}");
    }
}
