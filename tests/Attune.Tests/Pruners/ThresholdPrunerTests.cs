using Attune.Pruners;

namespace Attune.Tests.Pruners;

public class ThresholdPrunerTests
{
    [Fact]
    public void Default_prunes_only_NaN()
    {
        var study = PrunerTestKit.NewStudy(new ThresholdPruner());
        Assert.Equal(-1, PrunerTestKit.Run(study, 1e300, double.PositiveInfinity, double.NegativeInfinity, 7));
        Assert.Equal(1, PrunerTestKit.Run(study, 1, double.NaN, 1));
    }

    [Fact]
    public void Values_outside_the_bounds_prune_at_once_and_the_bounds_are_inclusive()
    {
        var study = PrunerTestKit.NewStudy(new ThresholdPruner(new() { Lower = 0, Upper = 1 }));
        Assert.Equal(-1, PrunerTestKit.Run(study, 0, 1, 0.5));
        Assert.Equal(2, PrunerTestKit.Run(study, 0.5, 0.5, 1.0001));
        Assert.Equal(0, PrunerTestKit.Run(study, -0.1));
    }

    [Fact]
    public void Only_the_latest_value_counts()
    {
        var study = PrunerTestKit.NewStudy(new ThresholdPruner(new() { Upper = 1, WarmupSteps = 3 }));
        Assert.Equal(-1, PrunerTestKit.Run(study, 5, 5, 5, 0.5)); // bad during the warm-up, fine at step 3
    }

    [Fact]
    public void Interval_checks_once_per_interval_after_the_warmup()
    {
        var study = PrunerTestKit.NewStudy(new ThresholdPruner(new() { Upper = 1, WarmupSteps = 1, IntervalSteps = 3 }));
        Assert.Equal(4, PrunerTestKit.Run(study, 0, 0, 5, 5, 5)); // checked at 1 and 4, not 2 or 3
    }

    [Theory]
    [InlineData(double.NaN, 1, 0, 1, "Lower and Upper must be numbers")]
    [InlineData(2, 1, 0, 1, "Lower must be <= Upper, but got Lower 2 and Upper 1.")]
    [InlineData(0, 1, -1, 1, "WarmupSteps must be >= 0, but got -1.")]
    [InlineData(0, 1, 0, 0, "IntervalSteps must be >= 1, but got 0.")]
    public void Invalid_options_name_the_value_and_what_is_allowed(double lower, double upper, int warmup, int interval, string message)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ThresholdPruner(new() { Lower = lower, Upper = upper, WarmupSteps = warmup, IntervalSteps = interval }));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
