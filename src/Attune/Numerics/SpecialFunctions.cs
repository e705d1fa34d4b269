namespace Attune.Numerics;

/// <summary>
/// The error function and its complements in double precision, from W. J. Cody's rational Chebyshev
/// approximations ("Rational Chebyshev approximations for the error function", Math. Comp. 23, 1969,
/// 631–638): relative error near machine precision over the whole real line, including the far tails
/// where <c>1 - Erf(x)</c> would lose every digit.
/// </summary>
public static class SpecialFunctions
{
    /// <summary>1/√π.</summary>
    internal const double InvSqrtPi = 0.56418958354775628695;

    // Below this magnitude erf(x) = 2x/√π to machine precision (and x² must not underflow).
    private const double TinyArgument = 1.11e-16;

    // erfc(x) underflows to 0 from here on.
    private const double ErfcUnderflow = 26.543;

    // Above this, 1 - 1/(2x²) rounds to 1, so erfcx(x) = 1/(x√π).
    private const double ErfcxAsymptotic = 6.71e7;

    // Below this, erfcx(x) = 2·exp(x²) - erfcx(-x) overflows.
    private const double ErfcxOverflow = -26.628;

    // |x| <= 0.46875: erf(x) = x·P(x²)/Q(x²).
    private static readonly double[] SmallNumerator =
        [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];

    private static readonly double[] SmallDenominator =
        [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];

    // 0.46875 < |x| <= 4: erfcx(x) = P(x)/Q(x).
    private static readonly double[] MiddleNumerator =
    [
        5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
        8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
        2.15311535474403846e-8,
    ];

    private static readonly double[] MiddleDenominator =
    [
        1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
        3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03,
    ];

    // |x| > 4: erfcx(x) = (1/√π - R(1/x²)/x²)/x.
    private static readonly double[] LargeNumerator =
    [
        3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
        6.58749161529837803e-4, 1.63153871373020978e-2,
    ];

    private static readonly double[] LargeDenominator =
        [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];

    /// <summary>The error function erf(x) = (2/√π)∫₀ˣ e^(−t²) dt.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erf(x) in [−1, 1]; NaN for NaN.</returns>
    public static double Erf(double x)
    {
        var y = Math.Abs(x);
        if (y <= 0.46875)
        {
            return x * SmallRatio(y);
        }

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var complement = ErfcPositive(y);
        return x > 0 ? 1 - complement : complement - 1;
    }

    /// <summary>The complementary error function erfc(x) = 1 − erf(x), accurate in relative terms also where it is tiny (large x).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erfc(x) in [0, 2]; NaN for NaN.</returns>
    public static double Erfc(double x)
    {
        var y = Math.Abs(x);
        if (y <= 0.46875)
        {
            return 1 - (x * SmallRatio(y));
        }

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var complement = ErfcPositive(y);
        return x > 0 ? complement : 2 - complement;
    }

    /// <summary>
    /// The scaled complementary error function erfcx(x) = e^(x²)·erfc(x). It decays like 1/(x√π) for
    /// large x, where erfc itself underflows, and grows like 2e^(x²) for negative x.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>erfcx(x); +∞ where it overflows (x &lt; about −26.6); NaN for NaN.</returns>
    public static double Erfcx(double x)
    {
        var y = Math.Abs(x);
        if (y <= 0.46875)
        {
            var ysq = y * y;
            return Math.Exp(ysq) * (1 - (x * SmallRatio(y)));
        }

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var scaled = ErfcxPositive(y);
        if (x > 0)
        {
            return scaled;
        }

        if (x < ErfcxOverflow)
        {
            return double.PositiveInfinity;
        }

        return (2 * ExpOfSquare(y)) - scaled;
    }

    /// <summary>e^(−y²) for y ≥ 0 without the error of rounding y² first (Cody's splitting).</summary>
    internal static double ExpOfMinusSquare(double y)
    {
        var head = Math.Truncate(y * 16) / 16;
        var rest = (y - head) * (y + head);
        return Math.Exp(-head * head) * Math.Exp(-rest);
    }

    /// <summary>erf(y)/y for 0 ≤ y ≤ 0.46875.</summary>
    private static double SmallRatio(double y)
    {
        var ysq = y > TinyArgument ? y * y : 0;
        var a = SmallNumerator;
        var b = SmallDenominator;
        var num = a[4] * ysq;
        var den = ysq;
        for (var i = 0; i < 3; i++)
        {
            num = (num + a[i]) * ysq;
            den = (den + b[i]) * ysq;
        }

        return (num + a[3]) / (den + b[3]);
    }

    /// <summary>erfc(y) for y &gt; 0.46875.</summary>
    private static double ErfcPositive(double y)
    {
        if (y >= ErfcUnderflow)
        {
            return 0;
        }

        return ExpOfMinusSquare(y) * ErfcxPositive(y);
    }

    /// <summary>erfcx(y) for y &gt; 0.46875.</summary>
    private static double ErfcxPositive(double y)
    {
        if (y <= 4)
        {
            var c = MiddleNumerator;
            var d = MiddleDenominator;
            var num = c[8] * y;
            var den = y;
            for (var i = 0; i < 7; i++)
            {
                num = (num + c[i]) * y;
                den = (den + d[i]) * y;
            }

            return (num + c[7]) / (den + d[7]);
        }

        if (y >= ErfcxAsymptotic)
        {
            return InvSqrtPi / y;
        }

        var p = LargeNumerator;
        var q = LargeDenominator;
        var inv = 1 / (y * y);
        var n = p[5] * inv;
        var m = inv;
        for (var i = 0; i < 4; i++)
        {
            n = (n + p[i]) * inv;
            m = (m + q[i]) * inv;
        }

        var correction = inv * (n + p[4]) / (m + q[4]);
        return (InvSqrtPi - correction) / y;
    }

    /// <summary>e^(y²) for y ≥ 0 with Cody's splitting.</summary>
    private static double ExpOfSquare(double y)
    {
        var head = Math.Truncate(y * 16) / 16;
        var rest = (y - head) * (y + head);
        return Math.Exp(head * head) * Math.Exp(rest);
    }
}
