using Attune.Numerics;

namespace Attune.Tests.Numerics;

/// <summary>Golden values from mpmath at 120 digits.</summary>
public class TruncatedNormalTests
{
    public static TheoryData<double, double, double> LogMass => new()
    {
        { 30.0, 31.0, -4.5432124395634325204e+2 },
        { -31.0, -30.0, -4.5432124395634325204e+2 },
        { -1.0, 1.0, -3.8171514630212607227e-1 },
        { -40.0, 40.0, 0.0 },
        { 0.0, 1e-10, -2.3944789463145129546e+1 },
        { 5.0, 5.001, -2.0329192936978384058e+1 },
        { -40.0, -39.0, -7.6508315656437754441e+2 },
        { 0.1, 0.1000001, -1.7042034189273016406e+1 },
        { 2.0, 3.0, -3.844353426334205621 },
        { 8.0, 9.0, -3.5013618593437148117e+1 },
        { -100.0, -99.0, -4.9060141603877319049e+3 },
        { 37.0, 38.0, -6.8903058557689059365e+2 },
        { -0.5, 0.5, -9.5991633369562231933e-1 },
        { -2.0, -1.0, -1.9957982691807553776 },
        { -0.001, 0.001, -7.1335467982935200192 },
        { 3.0, 3.005, -1.0724750675812915009e+1 },
        { -50.0, -49.999, -1.2578015898164459593e+3 },
        { -22.8, -22.79, -2.6532796127967198995e+2 },
        { -5.0, 0.3, -4.8141062549257502036e-1 },
    };

    public static TheoryData<double, double, double, double> Quantile => new()
    {
        { 0.5, 30.0, 31.0, 3.0023070467827308926e+1 },
        { 0.01, 30.0, 31.0, 3.0000334638332141929e+1 },
        { 0.99, 30.0, 31.0, 3.0152946658581972868e+1 },
        { 0.5, -31.0, -30.0, -3.0023070467827308926e+1 },
        { 0.3, -1.0, 2.0, -2.4240381788922682623e-1 },
        { 0.7, -2.0, 0.5, -2.2940762771432239123e-2 },
        { 0.1, 5.0, 6.0, 5.0202025789368870286 },
        { 0.999, -40.0, -39.0, -3.900002563701301058e+1 },
        { 0.25, 37.0, 38.0, 3.7007768709688421122e+1 },
        { 0.9, -3.0, 3.0, 1.2754222234675783633 },
        { 0.5, 0.0, 1e-06, 4.9999999999993747737e-7 },
        { 0.123, -10.0, -2.0, -2.7705289517942381106 },
    };

    [Theory]
    [MemberData(nameof(LogMass))]
    public void LogMass_matches_high_precision_values_for_tail_and_narrow_intervals(double a, double b, double expected) =>
        Golden.AssertClose(expected, TruncatedNormal.LogMass(a, b), 1e-13);

    [Theory]
    [MemberData(nameof(Quantile))]
    public void Quantile_matches_high_precision_values_far_in_a_tail(double q, double a, double b, double expected)
    {
        // Near x = 0 only absolute accuracy is achievable through log Φ, so the error is measured against max(1, |x|).
        var actual = TruncatedNormal.Quantile(q, a, b);
        Assert.True(Math.Abs(actual - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"quantile({q}, {a}, {b}) = {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void LogPdf_is_the_normal_log_density_over_the_mass_inside_and_minus_infinity_outside()
    {
        Golden.AssertClose(Normal.LogPdf(30.5) - TruncatedNormal.LogMass(30, 31), TruncatedNormal.LogPdf(30.5, 30, 31), 1e-15);
        Assert.Equal(double.NegativeInfinity, TruncatedNormal.LogPdf(29.9, 30, 31));
        Assert.Equal(double.NegativeInfinity, TruncatedNormal.LogPdf(31.1, 30, 31));

        // With a mean and scale: N(10, 2²) on [9, 14] at 11, against the standardized form minus log(scale).
        var expected = TruncatedNormal.LogPdf(0.5, -0.5, 2) - Math.Log(2);
        Golden.AssertClose(expected, TruncatedNormal.LogPdf(11, 10, 2, 9, 14), 1e-15);
    }

    [Fact]
    public void The_density_integrates_to_one_far_in_a_tail()
    {
        // Trapezoid rule over [30, 31]: the density is huge relative to φ there, and must still integrate to 1.
        const int steps = 20000;
        var sum = 0.0;
        for (var i = 0; i <= steps; i++)
        {
            var x = 30 + (i / (double)steps);
            var w = i is 0 or steps ? 0.5 : 1.0;
            sum += w * Math.Exp(TruncatedNormal.LogPdf(x, 30, 31));
        }

        Assert.Equal(1.0, sum / steps, 6);
    }

    [Fact]
    public void Samples_far_in_a_tail_stay_inside_and_follow_the_distribution()
    {
        // On [30, 31] the density is ~ e^(-30(x-30)): mean ≈ 30 + 1/30, median ≈ 30 + ln 2/30.
        var rng = new Attune.Randomness.SeededRandom(7);
        var values = new double[4000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = TruncatedNormal.Sample(rng, 30, 31);
            Assert.InRange(values[i], 30, 31);
        }

        Array.Sort(values);
        var median = values[values.Length / 2];
        var expectedMedian = TruncatedNormal.Quantile(0.5, 30, 31);
        Assert.InRange(expectedMedian, 30.0229, 30.0232);
        Assert.InRange(median, expectedMedian - 0.002, expectedMedian + 0.002);
    }

    [Fact]
    public void Sampling_with_a_mean_and_scale_covers_the_interval()
    {
        var rng = new Attune.Randomness.SeededRandom(3);
        var below = 0;
        for (var i = 0; i < 2000; i++)
        {
            var x = TruncatedNormal.Sample(rng, 5, 2, 4, 10);
            Assert.InRange(x, 4, 10);
            if (x < 5)
            {
                below++;
            }
        }

        // P(x < 5) = (Φ(0) − Φ(−0.5)) / (Φ(2.5) − Φ(−0.5)) ≈ 0.2835.
        Assert.InRange(below / 2000.0, 0.25, 0.32);
    }

    [Fact]
    public void Invalid_intervals_give_nan_and_empty_intervals_minus_infinity()
    {
        Assert.True(double.IsNaN(TruncatedNormal.LogMass(2, 1)));
        Assert.Equal(double.NegativeInfinity, TruncatedNormal.LogMass(1, 1));
        Assert.True(double.IsNaN(TruncatedNormal.Quantile(1.5, 0, 1)));
        Assert.Equal(0.0, TruncatedNormal.Quantile(0, 0, 1));
        Assert.Equal(1.0, TruncatedNormal.Quantile(1, 0, 1));
    }
}
