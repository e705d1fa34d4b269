using Attune.Numerics;

namespace Attune.Tests.Numerics;

public class ExpectedImprovementTests
{
    // Golden values from mpmath at 50 digits: log h(z) = log(φ(z) + zΦ(z)) and Φ(z)/h(z), at the doubles shown.
    [Theory]
    [InlineData(-1e4, -50000019.339619307157, 10000.000199999994)]
    [InlineData(-1000, -500014.73445209115845, 1000.001999994000042)]
    [InlineData(-100, -5010.1295788002497923, 100.01999400419586505)]
    [InlineData(-40, -808.29856835661996024, 40.049906657648518193)]
    [InlineData(-38.5, -749.3472742078229216, 38.551843404939509973)]
    [InlineData(-26, -345.43954672231803297, 26.076585186632697123)]
    [InlineData(-12.5, -84.114182840685440902, 12.657057565828093718)]
    [InlineData(-12, -77.909100545007348277, 12.163352571585739843)]
    [InlineData(-11.9, -76.697699517684515627, 12.064671442662858959)]
    [InlineData(-5, -16.744301162660990143, 5.3618162412880885298)]
    [InlineData(-1.5, -3.5299359208057098515, 2.2795806941564461644)]
    [InlineData(-1, -2.4851210257126413368, 1.9042712333296918229)]
    [InlineData(-0.999, -2.4832171154475854412, 1.9035493173589594259)]
    [InlineData(-0.5, -1.6205162643873199193, 1.5598731483480796712)]
    [InlineData(0, -0.91893853320467274178, 1.2533141373155002512)]
    [InlineData(0.5, -0.35982768374506381859, 0.99092271800410996015)]
    [InlineData(1, 0.080026218849306940029, 0.77663872520173925975)]
    [InlineData(3, 1.0987396653277077727, 0.33284096845179523558)]
    [InlineData(10, 2.302585092994045684, 0.1)]
    [InlineData(40, 3.6888794541139363029, 0.025)]
    public void Log_h_and_its_derivative_match_high_precision_values(double z, double logH, double derivative)
    {
        var actual = ExpectedImprovement.LogH(z);
        Assert.True(double.IsFinite(actual));
        Assert.True(Math.Abs(actual - logH) <= 1e-13 * Math.Max(1, Math.Abs(logH)), $"log h({z}) = {actual:R}, expected {logH:R}");
        Golden.AssertClose(derivative, ExpectedImprovement.LogHDerivative(z), 1e-12);
    }

    [Theory]
    [InlineData(-40)]
    [InlineData(-100)]
    [InlineData(-1000)]
    public void Plain_expected_improvement_underflows_where_log_ei_does_not(double z)
    {
        // EI = σ·h(z) with σ = 1: the textbook formula gives exactly 0 (no gradient), LogEI a finite number.
        var plain = Normal.Pdf(z) + (z * Normal.Cdf(z));
        Assert.True(plain <= 0 || plain < 1e-300, $"plain EI at z = {z} is {plain}");
        var log = ExpectedImprovement.LogEI(mean: z, variance: 1, threshold: 0);
        Assert.True(double.IsFinite(log));
        Assert.Equal(ExpectedImprovement.LogH(z), log, 12);

        // With σ = 0.01 the same z: log EI = log σ + log h(z).
        var scaled = ExpectedImprovement.LogEI(mean: z * 0.01, variance: 1e-4, threshold: 0);
        Assert.Equal(Math.Log(0.01) + ExpectedImprovement.LogH(z), scaled, 9);
    }

    [Fact]
    public void Log_h_is_increasing_and_its_derivative_matches_finite_differences()
    {
        var previous = double.NegativeInfinity;
        for (var z = -60.0; z <= 20; z += 0.37)
        {
            var value = ExpectedImprovement.LogH(z);
            Assert.True(value > previous, $"log h not increasing at {z}");
            previous = value;
            const double H = 1e-6;
            var numeric = (ExpectedImprovement.LogH(z + H) - ExpectedImprovement.LogH(z - H)) / (2 * H);
            var analytic = ExpectedImprovement.LogHDerivative(z);
            Assert.True(Math.Abs(numeric - analytic) <= 1e-6 * Math.Max(1, Math.Abs(analytic)), $"z = {z}: {numeric} vs {analytic}");
        }
    }

    // log(h(a) − h(b)) from mpmath at 50 digits.
    [Theory]
    [InlineData(0.3, -0.2, -1.3475868324927528636)]
    [InlineData(-40, -40.5, -808.29856835839436782)]
    [InlineData(-40, -40.00001, -816.12156759659256491)]
    [InlineData(2, 1.9999999, -16.141108562465809423)]
    [InlineData(-5, -7, -16.744304455355349506)]
    [InlineData(10, -3, 2.3025468768321126974)]
    [InlineData(-1, -1.0005, -9.4423053975061151342)]
    [InlineData(-12, -12.0002, -83.929074177723261384)]
    public void Log_h_difference_matches_high_precision_values(double a, double b, double expected)
    {
        var actual = ExpectedImprovement.LogHDifference(a, b);
        Assert.True(Math.Abs(actual - expected) <= 1e-9, $"log(h({a}) − h({b})) = {actual:R}, expected {expected:R}");
        Assert.Equal(ExpectedImprovement.LogH(a), ExpectedImprovement.LogHDifference(a, double.NegativeInfinity), 14);
    }
}
