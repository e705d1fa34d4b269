using Attune.Pruners;

namespace Attune.Tests.Pruners;

public class WilcoxonPrunerTests
{
    /// <summary>Completes a trial that reports <paramref name="values"/> at steps 0, 1, … with their mean as its value.</summary>
    private static void Complete(Study study, params double[] values)
    {
        var trial = study.Ask();
        for (var i = 0; i < values.Length; i++)
        {
            trial.Report(values[i], i);
        }

        study.Tell(trial, values.Average());
    }

    [Fact]
    public void Prunes_a_trial_that_is_consistently_worse_than_the_best_on_the_same_instances()
    {
        var study = PrunerTestKit.NewStudy(new WilcoxonPruner());
        Complete(study, 1, 1, 1, 1, 1, 1, 1, 1);
        var trial = study.Ask();
        var pruned = -1;
        for (var i = 0; i < 8 && pruned < 0; i++)
        {
            trial.Report(1.5, i);
            if (trial.ShouldPrune())
            {
                pruned = i;
            }
        }

        // Exact one-sided p after k positive differences is 2^-k: 0.125 at k = 3, 0.0625 < 0.1 at k = 4.
        Assert.Equal(3, pruned);
    }

    [Fact]
    public void The_pairing_follows_the_steps_not_the_order_of_reports()
    {
        var study = PrunerTestKit.NewStudy(new WilcoxonPruner(new() { PThreshold = 0.1 }));
        Complete(study, 10, 0, 10, 0, 10, 0, 10, 0);
        var trial = study.Ask();

        // Reported out of order, each value 0.5 above the best's at the same step; paired by the
        // order of reports the differences would be +10.5, -9.5, +10.5, …, and nothing significant.
        foreach (var step in new[] { 6, 1, 0, 4, 2 })
        {
            trial.Report((step % 2 == 0 ? 10 : 0) + 0.5, step);
        }

        Assert.True(trial.ShouldPrune());
    }

    [Fact]
    public void Startup_steps_and_a_missing_best_trial_hold_off_pruning()
    {
        var study = PrunerTestKit.NewStudy(new WilcoxonPruner(new() { StartupSteps = 6 }));
        var early = study.Ask();
        early.Report(100, 0);
        Assert.False(early.ShouldPrune()); // no complete trial yet
        study.Tell(early, TrialState.Fail);
        Complete(study, 0, 0, 0, 0, 0, 0, 0, 0);
        var trial = study.Ask();
        for (var i = 0; i < 5; i++)
        {
            trial.Report(1, i);
            Assert.False(trial.ShouldPrune());
        }

        trial.Report(1, 5);
        Assert.True(trial.ShouldPrune());
    }

    [Fact]
    public void A_trial_whose_mean_is_as_good_as_the_best_is_kept_even_when_the_test_says_worse()
    {
        var study = PrunerTestKit.NewStudy(new WilcoxonPruner(new() { PThreshold = 0.2 }));
        Complete(study, 1, 1, 1, 1, 100);
        var trial = study.Ask();

        // Worse on the first four instances (p = 1/16 < 0.2), but its mean 1.25 is below the best's 20.8.
        for (var i = 0; i < 4; i++)
        {
            trial.Report(1.25, i);
        }

        Assert.False(trial.ShouldPrune());
    }

    [Fact]
    public void Non_finite_values_disable_pruning_and_maximize_flips_the_alternative()
    {
        var study = PrunerTestKit.NewStudy(new WilcoxonPruner(new() { PThreshold = 0.2 }), StudyDirection.Maximize);
        Complete(study, 5, 5, 5, 5, 5);
        var nan = study.Ask();
        nan.Report(double.NaN, 0);
        for (var i = 1; i < 5; i++)
        {
            nan.Report(0, i);
        }

        Assert.False(nan.ShouldPrune());
        var low = study.Ask();
        for (var i = 0; i < 4; i++)
        {
            low.Report(4, i);
        }

        Assert.True(low.ShouldPrune());
        var high = study.Ask();
        for (var i = 0; i < 4; i++)
        {
            high.Report(6, i);
        }

        Assert.False(high.ShouldPrune());
    }

    [Theory]
    [InlineData(-0.1, 0, "PThreshold must be in [0, 1], but got -0.1.")]
    [InlineData(1.5, 0, "PThreshold must be in [0, 1], but got 1.5.")]
    [InlineData(0.1, -1, "StartupSteps must be >= 0, but got -1.")]
    public void Invalid_options_name_the_value_and_what_is_allowed(double p, int startup, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new WilcoxonPruner(new() { PThreshold = p, StartupSteps = startup }));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
