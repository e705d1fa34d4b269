using System.Numerics;
using Attune.Samplers.Tpe;

namespace Attune.Tests.Samplers.Tpe;

public class KernelMathTests
{
    [Fact]
    public void The_vectorised_exponential_is_accurate_on_its_range()
    {
        var worst = 0.0;
        var values = new double[Vector<double>.Count];
        for (var x = -700.0; x <= 0; x += 0.01237)
        {
            for (var l = 0; l < values.Length; l++)
            {
                values[l] = Math.Max(-700, x - (l * 0.003));
            }

            var result = KernelMath.ExpNonPositive(new Vector<double>(values));
            for (var l = 0; l < values.Length; l++)
            {
                var expected = Math.Exp(values[l]);
                worst = Math.Max(worst, Math.Abs(result[l] - expected) / expected);
            }
        }

        Assert.True(worst < 1e-15, $"largest relative error {worst:E2}");
    }

    [Fact]
    public void Log_sum_exp_matches_the_direct_sum_and_skips_only_negligible_terms()
    {
        double[] values = [-3, -1000, -2.5, -60, -45, -1, double.NegativeInfinity, -7, -3.25];
        var max = -1.0;
        var direct = max + Math.Log(values.Sum(v => Math.Exp(v - max)));
        Assert.Equal(direct, KernelMath.LogSumExp(values), 14);
        Assert.Equal(double.NegativeInfinity, KernelMath.LogSumExp([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(2.0, KernelMath.LogSumExp([2.0]), 15);
    }
}
