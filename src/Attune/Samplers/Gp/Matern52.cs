namespace Attune.Samplers;

/// <summary>
/// The Matérn kernel with ν = 5/2 as a function of the scaled squared distance r²:
/// k(r²) = (1 + √5·r + 5r²/3)·e^(−√5·r). It is twice differentiable, and its derivative with respect
/// to r², −(5/6)(1 + √5·r)·e^(−√5·r), is finite at r = 0 (so gradients at training points are exact).
/// </summary>
internal static class Matern52
{
    private const double Sqrt5 = 2.23606797749978969641;

    /// <summary>k(r²).</summary>
    /// <param name="r2">The scaled squared distance, ≥ 0.</param>
    /// <returns>The correlation in (0, 1].</returns>
    public static double Value(double r2)
    {
        var s = Sqrt5 * Math.Sqrt(r2);
        return (1 + s + (s * s / 3)) * Math.Exp(-s);
    }

    /// <summary>dk/d(r²).</summary>
    /// <param name="r2">The scaled squared distance, ≥ 0.</param>
    /// <returns>The derivative, ≤ 0.</returns>
    public static double Derivative(double r2)
    {
        var s = Sqrt5 * Math.Sqrt(r2);
        return -5.0 / 6.0 * (1 + s) * Math.Exp(-s);
    }

    /// <summary>k(r²) and dk/d(r²) with one exponential.</summary>
    /// <param name="r2">The scaled squared distance, ≥ 0.</param>
    /// <param name="derivative">Receives dk/d(r²).</param>
    /// <returns>k(r²).</returns>
    public static double ValueAndDerivative(double r2, out double derivative)
    {
        var s = Sqrt5 * Math.Sqrt(r2);
        var e = Math.Exp(-s);
        derivative = -5.0 / 6.0 * (1 + s) * e;
        return (1 + s + (s * s / 3)) * e;
    }
}
