using Attune.Numerics;

namespace Attune.Tests.Numerics;

public class LogMathTests
{
    [Theory]
    [InlineData(1e-20, 9.99999999999999945148e-21)]
    [InlineData(1e-10, 9.99999999950000036436e-11)]
    [InlineData(1e-6, 9.99999500000333287831e-7)]
    [InlineData(-0.5, -0.693147180559945309417)]
    [InlineData(10.0, 2.39789527279837054406)]
    public void Log1P_keeps_its_digits_for_small_arguments(double x, double expected) =>
        Golden.AssertClose(expected, LogMath.Log1P(x), 1e-15);

    [Theory]
    [InlineData(1e-20, 9.99999999999999945158e-21)]
    [InlineData(1e-10, 1.00000000005000003643e-10)]
    [InlineData(-1e-4, -0.000099995000166662504875)]
    [InlineData(0.3, 0.349858807576003088997)]
    [InlineData(-50.0, -1.0)]
    public void ExpM1_keeps_its_digits_for_small_arguments(double x, double expected) =>
        Golden.AssertClose(expected, LogMath.ExpM1(x), 1e-15);

    [Fact]
    public void Log_sums_and_differences_work_beyond_the_range_of_double()
    {
        // log(e^-1000 + e^-1001) = -1000 + log(1 + e^-1)
        Golden.AssertClose(-1000 + Math.Log(1 + Math.Exp(-1)), LogMath.LogAddExp(-1000, -1001), 1e-15);
        Golden.AssertClose(-1000 + Math.Log(1 - Math.Exp(-1)), LogMath.LogDiffExp(-1000, -1001), 1e-15);
        // log(e^0 − e^(−1e-12)) = log(−expm1(−1e-12)), from mpmath: 1 − e^(−1e-12) must not cancel.
        Golden.AssertClose(-27.6310211159290482283, LogMath.LogDiffExp(0, -1e-12), 1e-15);
        Assert.Equal(double.NegativeInfinity, LogMath.LogDiffExp(2, 2));
        Assert.Equal(5.0, LogMath.LogAddExp(5, double.NegativeInfinity));
        Assert.True(double.IsNaN(LogMath.LogDiffExp(1, 2)));
    }
}
