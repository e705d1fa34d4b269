namespace Attune.Numerics;

/// <summary>
/// Elementary functions that keep their relative accuracy near the points where the textbook forms
/// cancel: <c>log(1 + x)</c> and <c>e^x − 1</c> for small x, and sums and differences of numbers
/// held as logarithms. (<see cref="double.LogP1(double)"/> and <see cref="double.ExpM1(double)"/>
/// are computed as <c>Log(1 + x)</c> and <c>Exp(x) − 1</c> and lose those digits.)
/// </summary>
public static class LogMath
{
    /// <summary>log(1 + x), accurate for small |x|.</summary>
    /// <param name="x">The argument, ≥ −1.</param>
    /// <returns>log(1 + x); −∞ at −1; NaN below −1.</returns>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        if (double.IsPositiveInfinity(u) || u <= 0)
        {
            return Math.Log(u);
        }

        // Goldberg's correction: log(u)·x/(u − 1) cancels the rounding error of forming u.
        return Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x − 1, accurate for small |x|.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>e^x − 1.</returns>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + (x * x * (0.5 + (x / 6)));
        }

        var u = Math.Exp(x);
        if (u == 1 || double.IsPositiveInfinity(u))
        {
            return u == 1 ? x : u;
        }

        var um1 = u - 1;
        if (um1 == -1)
        {
            return -1;
        }

        // Kahan's correction: (u − 1)·x/log(u) cancels the rounding error of u.
        return um1 * x / Math.Log(u);
    }

    /// <summary>log(e^a + e^b) without overflow or underflow.</summary>
    /// <param name="a">A logarithm.</param>
    /// <param name="b">A logarithm.</param>
    /// <returns>The logarithm of the sum.</returns>
    public static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        var max = Math.Max(a, b);
        return max + Log1P(Math.Exp(-Math.Abs(a - b)));
    }

    /// <summary>log(e^a − e^b) for a ≥ b, without cancellation when a and b are close.</summary>
    /// <param name="a">The larger logarithm.</param>
    /// <param name="b">The smaller logarithm.</param>
    /// <returns>The logarithm of the difference; −∞ when a = b; NaN when a &lt; b.</returns>
    public static double LogDiffExp(double a, double b)
    {
        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        if (a < b)
        {
            return double.NaN;
        }

        var d = b - a;
        // log(1 − e^d): log(−expm1(d)) is accurate near d = 0, log1p(−e^d) for very negative d.
        return a + (d > -0.6931471805599453 ? Math.Log(-ExpM1(d)) : Log1P(-Math.Exp(d)));
    }
}
