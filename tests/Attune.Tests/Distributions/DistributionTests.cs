namespace Attune.Tests.Distributions;

public class DistributionTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    public void Float_rejects_invalid_bounds(double low, double high)
    {
        var e = Assert.Throws<ArgumentException>(() => new FloatDistribution(low, high));
        Assert.Contains("must be", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_log_needs_positive_low_and_no_step()
    {
        var e = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1, log: true));
        Assert.Contains("low must be > 0", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new FloatDistribution(1, 10, log: true, step: 1));
        Assert.Contains("step and log", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void Float_rejects_non_positive_step(double step)
    {
        var e = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1, step: step));
        Assert.Contains("step must be", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.3, 0.9)]
    [InlineData(0.0, 1.0, 0.25, 1.0)]
    [InlineData(0.1, 1.0, 0.2, 0.9)]
    [InlineData(-5.0, 5.0, 3.0, 4.0)]
    [InlineData(0.0, 0.7, 0.1, 0.7)]
    public void Float_step_that_does_not_divide_moves_high_down_like_optuna(double low, double high, double step, double expectedHigh)
    {
        var d = new FloatDistribution(low, high, step: step);
        Assert.Equal(expectedHigh, d.High, 12);
    }

    [Theory]
    [InlineData(0, 10, 3, 9)]
    [InlineData(0, 10, 2, 10)]
    [InlineData(1, 1, 5, 1)]
    [InlineData(-7, 7, 4, 5)]
    public void Int_step_that_does_not_divide_moves_high_down_like_optuna(int low, int high, int step, int expectedHigh)
    {
        Assert.Equal(expectedHigh, new IntDistribution(low, high, step: step).High);
    }

    [Fact]
    public void Int_rejects_invalid_arguments()
    {
        Assert.Contains("low must be <= high", Assert.Throws<ArgumentException>(() => new IntDistribution(3, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("step must be > 0", Assert.Throws<ArgumentException>(() => new IntDistribution(0, 2, step: 0)).Message, StringComparison.Ordinal);
        Assert.Contains(">= 1", Assert.Throws<ArgumentException>(() => new IntDistribution(0, 2, log: true)).Message, StringComparison.Ordinal);
        Assert.Contains("step must be 1", Assert.Throws<ArgumentException>(() => new IntDistribution(1, 9, log: true, step: 2)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Categorical_rejects_empty_and_unsupported_choices()
    {
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => new CategoricalDistribution([])).Message, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => new CategoricalDistribution(["a", new object()]));
        Assert.Contains("Choice 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_respects_bounds_and_grid()
    {
        var f = new FloatDistribution(0, 1, step: 0.25);
        Assert.True(f.Contains(0.75));
        Assert.False(f.Contains(0.7));
        Assert.False(f.Contains(1.25));
        var i = new IntDistribution(0, 10, step: 2);
        Assert.True(i.Contains(4));
        Assert.False(i.Contains(5));
        Assert.False(i.Contains(4.5));
        var c = new CategoricalDistribution(["a", null, true, 3, 2.5]);
        Assert.True(c.Contains(4));
        Assert.False(c.Contains(5));
    }

    [Fact]
    public void Categorical_maps_between_choices_and_indices()
    {
        var c = new CategoricalDistribution(["a", "b", null, true, 3, 2.5, DayOfWeek.Monday]);
        Assert.Equal(2, c.ToInternal(null));
        Assert.Equal(3, c.ToInternal(true));
        Assert.Equal(4, c.ToInternal(3L));
        Assert.Equal(4, c.ToInternal(3.0));
        Assert.Equal(6, c.ToInternal("Monday"));
        Assert.Equal(DayOfWeek.Monday, c.ToExternal(6));
        Assert.Throws<ArgumentException>(() => c.ToInternal("z"));
    }

    [Fact]
    public void Compatibility_allows_other_ranges_but_not_other_kinds_logs_or_choices()
    {
        new FloatDistribution(0, 1).EnsureCompatibleWith("x", new FloatDistribution(-3, 8));
        new IntDistribution(0, 1).EnsureCompatibleWith("n", new IntDistribution(0, 50, step: 5));
        var kind = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1).EnsureCompatibleWith("x", new IntDistribution(0, 1)));
        Assert.Contains("'x'", kind.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FloatDistribution(1, 2).EnsureCompatibleWith("x", new FloatDistribution(1, 2, log: true)));
        Assert.Throws<ArgumentException>(() => new CategoricalDistribution(["a", "b"]).EnsureCompatibleWith("c", new CategoricalDistribution(["a", "c"])));
        new CategoricalDistribution(["a", 1]).EnsureCompatibleWith("c", new CategoricalDistribution(["a", 1.0]));
    }

    [Fact]
    public void Records_compare_by_value()
    {
        Assert.Equal(new FloatDistribution(0, 1, step: 0.1), new FloatDistribution(0, 1, step: 0.1));
        Assert.NotEqual(new FloatDistribution(0, 1), new FloatDistribution(0, 2));
        Assert.Equal(new CategoricalDistribution(["a", 1]), new CategoricalDistribution(["a", 1L]));
        Assert.Equal(new CategoricalDistribution(["a", 1]).GetHashCode(), new CategoricalDistribution(["a", 1L]).GetHashCode());
    }
}
