namespace Attune.Pruners;

/// <summary>The upper tail of the standard normal distribution, P(Z &gt; z) = erfc(z/√2)/2, to about 1e-14 relative.</summary>
internal static class NormalTail
{
    /// <summary>P(Z &gt; <paramref name="z"/>) for a standard normal Z.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>erfc(x): a Taylor series of erf for |x| &lt; 2, a continued fraction beyond.</summary>
    private static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x < 2)
        {
            // erf(x) = 2/√π Σ (−1)^k x^(2k+1) / (k! (2k+1))
            var term = x;
            var sum = x;
            var x2 = x * x;
            for (var k = 1; k < 100 && Math.Abs(term) > 1e-17 * Math.Abs(sum); k++)
            {
                term *= -x2 / k;
                sum += term / ((2 * k) + 1);
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * sum);
        }

        if (x > 27)
        {
            return 0;
        }

        // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by Lentz's method.
        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var k = 1; k < 500; k++)
        {
            var a = k / 2.0;
            d = x + (a * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + (a / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
