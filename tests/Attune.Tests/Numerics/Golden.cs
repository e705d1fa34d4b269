namespace Attune.Tests.Numerics;

/// <summary>Comparison with golden values by relative error.</summary>
internal static class Golden
{
    public static void AssertClose(double expected, double actual, double relativeTolerance)
    {
        var error = expected == 0 ? Math.Abs(actual) : Math.Abs((actual - expected) / expected);
        Assert.True(error <= relativeTolerance, $"expected {expected:R}, got {actual:R} (relative error {error:E2})");
    }
}
