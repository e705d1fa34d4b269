using Attune.Numerics.Optimization;

namespace Attune.Tests.Numerics;

public class LBfgsBTests
{
    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        var a = 1 - x[0];
        var b = x[1] - (x[0] * x[0]);
        g[0] = (-2 * a) - (400 * x[0] * b);
        g[1] = 200 * b;
        return (a * a) + (100 * b * b);
    }

    [Fact]
    public void Rosenbrock_2d_inside_loose_bounds_reaches_the_minimum()
    {
        double[] x = [-1.2, 1];
        var result = LBfgsB.Minimize(Rosenbrock, x, [-2, -2], [2, 2], new LBfgsBOptions { GradientTolerance = 1e-9 });
        Assert.Equal(1, x[0], 5);
        Assert.Equal(1, x[1], 5);
        Assert.True(result.Value < 1e-10, $"f = {result.Value}, {result}");
        Assert.True(result.Evaluations < 200, $"{result}");
    }

    [Fact]
    public void Rosenbrock_2d_with_an_active_bound_stops_on_the_bound()
    {
        // With x1 ≤ 0.5 the minimum lies on the bound: x1 = 0.5, and x0 minimizes (1 − x0)² + 100(0.5 − x0²)².
        double[] x = [-1.2, 0];
        var result = LBfgsB.Minimize(Rosenbrock, x, [-2, -2], [2, 0.5], new LBfgsBOptions { GradientTolerance = 1e-10, RelativeTolerance = 0 });
        Assert.Equal(0.5, x[1], 12);

        // Stationarity in x0 on the bound: −2(1 − x0) − 400·x0·(0.5 − x0²) = 0.
        var x0 = x[0];
        Assert.True(Math.Abs((-2 * (1 - x0)) - (400 * x0 * (0.5 - (x0 * x0)))) < 1e-6, $"x0 = {x0}");
        Assert.InRange(x0, 0.70, 0.72);
        Assert.True(result.Stop is LBfgsBStop.Gradient or LBfgsBStop.RelativeReduction, $"{result}");
    }

    [Fact]
    public void Quadratic_with_active_bounds_matches_the_projected_solution()
    {
        // f = Σ w_i (x_i − c_i)² with box [0, 1]: the solution is clamp(c, 0, 1).
        double[] c = [-1, 0.3, 2, 0.9, 5, -0.2];
        double[] w = [1, 10, 0.5, 3, 100, 2];
        double F(ReadOnlySpan<double> x, Span<double> g)
        {
            var sum = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                var d = x[i] - c[i];
                sum += w[i] * d * d;
                g[i] = 2 * w[i] * d;
            }

            return sum;
        }

        var x = new double[6];
        Array.Fill(x, 0.5);
        var lower = new double[6];
        var upper = Enumerable.Repeat(1.0, 6).ToArray();
        LBfgsB.Minimize(F, x, lower, upper, new LBfgsBOptions { GradientTolerance = 1e-12, RelativeTolerance = 0 });
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(Math.Clamp(c[i], 0, 1), x[i], 7);
        }
    }

    [Fact]
    public void Coupled_quadratic_bound_active_solution_satisfies_kkt()
    {
        // f = ½xᵀAx − bᵀx with A positive definite and x ≥ 0 (a bound-constrained least-squares problem).
        double[,] a = { { 4, 1, 0.5 }, { 1, 3, 0.2 }, { 0.5, 0.2, 2 } };
        double[] b = [1, -2, 3];
        double F(ReadOnlySpan<double> x, Span<double> g)
        {
            var value = 0.0;
            for (var i = 0; i < 3; i++)
            {
                var ax = 0.0;
                for (var j = 0; j < 3; j++)
                {
                    ax += a[i, j] * x[j];
                }

                g[i] = ax - b[i];
                value += (0.5 * x[i] * ax) - (b[i] * x[i]);
            }

            return value;
        }

        double[] x = [1, 1, 1];
        double[] lower = [0, 0, 0];
        double[] upper = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
        LBfgsB.Minimize(F, x, lower, upper, new LBfgsBOptions { GradientTolerance = 1e-12, RelativeTolerance = 0 });

        // x1 is held at 0 by its bound; x0, x2 solve the reduced system [[4, .5], [.5, 2]]·(x0, x2) = (1, 3).
        var det = (4 * 2) - (0.5 * 0.5);
        Assert.Equal(((1 * 2) - (0.5 * 3)) / det, x[0], 9);
        Assert.Equal(0, x[1], 12);
        Assert.Equal(((4 * 3) - (0.5 * 1)) / det, x[2], 9);
        var g = new double[3];
        F(x, g);
        Assert.True(g[1] > 0, "the multiplier of the active bound must be positive");
    }

    [Fact]
    public void Unbounded_high_dimensional_rosenbrock_converges()
    {
        const int N = 10;
        double F(ReadOnlySpan<double> x, Span<double> g)
        {
            var sum = 0.0;
            g.Clear();
            for (var i = 0; i < N - 1; i++)
            {
                var a = 1 - x[i];
                var b = x[i + 1] - (x[i] * x[i]);
                sum += (a * a) + (100 * b * b);
                g[i] += (-2 * a) - (400 * x[i] * b);
                g[i + 1] += 200 * b;
            }

            return sum;
        }

        var x = new double[N];
        var lower = Enumerable.Repeat(double.NegativeInfinity, N).ToArray();
        var upper = Enumerable.Repeat(double.PositiveInfinity, N).ToArray();
        var result = LBfgsB.Minimize(F, x, lower, upper, new LBfgsBOptions { GradientTolerance = 1e-8, RelativeTolerance = 0, MaxIterations = 1000, MaxEvaluations = 5000 });
        Assert.True(result.Value < 1e-12, $"{result}");
        foreach (var v in x)
        {
            Assert.Equal(1, v, 5);
        }
    }

    [Fact]
    public void Returns_the_best_point_when_the_function_turns_non_finite()
    {
        // f = (x − 3)² but NaN beyond x = 2: the best reachable point is near the cliff, never NaN.
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            if (x[0] > 2)
            {
                g[0] = double.NaN;
                return double.NaN;
            }

            g[0] = 2 * (x[0] - 3);
            return (x[0] - 3) * (x[0] - 3);
        }

        double[] x = [0];
        var result = LBfgsB.Minimize(F, x, [-10], [10], new LBfgsBOptions());
        Assert.True(double.IsFinite(result.Value));
        Assert.InRange(x[0], 1.5, 2);
        Assert.Equal((x[0] - 3) * (x[0] - 3), result.Value, 12);
    }

    [Fact]
    public void Fixed_variables_stay_put()
    {
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = 2 * (x[0] - 1);
            g[1] = 2 * (x[1] + 1);
            return ((x[0] - 1) * (x[0] - 1)) + ((x[1] + 1) * (x[1] + 1));
        }

        double[] x = [0.25, 0];
        LBfgsB.Minimize(F, x, [0.25, -5], [0.25, 5], new LBfgsBOptions());
        Assert.Equal(0.25, x[0]);
        Assert.Equal(-1, x[1], 8);
    }
}
