using Attune.Pruners;

namespace Attune.Tests.Pruners;

public class PercentilePrunerTests
{
    [Fact]
    public void The_percentile_sets_how_far_behind_a_trial_may_be()
    {
        foreach (var (percentile, value, pruned) in new[] { (25.0, 2.2, true), (25.0, 1.5, false), (75.0, 3.5, false), (75.0, 4.5, true) })
        {
            var study = PrunerTestKit.NewStudy(new PercentilePruner(new() { Percentile = percentile, StartupTrials = 5 }));
            foreach (var v in new[] { 1.0, 2, 3, 4, 5 })
            {
                PrunerTestKit.Run(study, v);
            }

            // Step-0 values 1 … 5: the 25th percentile is 2, the 75th is 4.
            Assert.Equal(pruned ? 0 : -1, PrunerTestKit.Run(study, value));
        }
    }

    [Fact]
    public void The_default_is_the_median_pruner()
    {
        var percentile = PrunerTestKit.NewStudy(new PercentilePruner());
        var median = PrunerTestKit.NewStudy(new MedianPruner());
        double[][] curves = [[3, 2, 1], [4, 3, 2], [1, 1, 1], [5, 5, 5], [2, 2, 2], [3.5, 1, 0], [2.5, 2.5, 2.5], [6, 0, 0]];
        foreach (var curve in curves)
        {
            Assert.Equal(PrunerTestKit.Run(median, curve), PrunerTestKit.Run(percentile, curve));
        }
    }

    [Fact]
    public void Min_trials_counts_completed_trials_that_reported_the_step()
    {
        var study = PrunerTestKit.NewStudy(new PercentilePruner(new() { StartupTrials = 1, MinTrials = 2 }));
        PrunerTestKit.Run(study, 1, 1);
        PrunerTestKit.Run(study, 1);
        Assert.Equal(0, PrunerTestKit.Run(study, 9, 9)); // step 0: two completed trials reported it
        Assert.Equal(-1, PrunerTestKit.Run(study, PrunerTestKit.Steps(1, 2), _ => 9)); // step 1: only one did
    }

    [Theory]
    [InlineData(-1, 0, 0, 1, 1, "Percentile must be in [0, 100], but got -1.")]
    [InlineData(101, 0, 0, 1, 1, "Percentile must be in [0, 100], but got 101.")]
    [InlineData(double.NaN, 0, 0, 1, 1, "Percentile must be in [0, 100], but got NaN.")]
    [InlineData(50, -1, 0, 1, 1, "StartupTrials must be >= 0, but got -1.")]
    [InlineData(50, 0, -1, 1, 1, "WarmupSteps must be >= 0, but got -1.")]
    [InlineData(50, 0, 0, 0, 1, "IntervalSteps must be >= 1, but got 0.")]
    [InlineData(50, 0, 0, 1, 0, "MinTrials must be >= 1, but got 0.")]
    public void Invalid_options_name_the_value_and_what_is_allowed(double percentile, int startup, int warmup, int interval, int minTrials, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new PercentilePruner(new()
        {
            Percentile = percentile,
            StartupTrials = startup,
            WarmupSteps = warmup,
            IntervalSteps = interval,
            MinTrials = minTrials,
        }));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
