namespace Attune.Tests.Samplers.CmaEs;

/// <summary>Test functions of the CMA-ES literature (Hansen and Ostermeier, 2001; Hansen, 2016).</summary>
internal static class CmaTestFunctions
{
    /// <summary>Σ 10^(6·i/(n−1))·xᵢ²: axis ratio 1000, condition number 1e6.</summary>
    public static double Ellipsoid(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += Math.Pow(1e6, i / (x.Length - 1.0)) * x[i] * x[i];
        }

        return sum;
    }

    /// <summary>The ellipsoid in coordinates rotated by a fixed orthogonal matrix, so that it is not separable.</summary>
    public static double RotatedEllipsoid(ReadOnlySpan<double> x)
    {
        // y = Hx with H the Householder reflection about the normalized all-ones vector: dense and orthogonal.
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v;
        }

        Span<double> y = stackalloc double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = x[i] - (2 * sum / x.Length);
        }

        return Ellipsoid(y);
    }

    /// <summary>Σ 100(x_{i+1} − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1).</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - (x[i] * x[i]);
            var b = 1 - x[i];
            sum += (100 * a * a) + (b * b);
        }

        return sum;
    }

    /// <summary>10n + Σ xᵢ² − 10 cos(2πxᵢ), minimum 0 at the origin, 10ⁿ local minima in [−5.12, 5.12]ⁿ.</summary>
    public static double Rastrigin(ReadOnlySpan<double> x)
    {
        var sum = 10.0 * x.Length;
        foreach (var v in x)
        {
            sum += (v * v) - (10 * Math.Cos(2 * Math.PI * v));
        }

        return sum;
    }
}
