namespace Attune;

/// <summary>
/// Maps internal values of numerical distributions to coordinates in [0, 1] and back, for samplers
/// that work in a unit cube (QMC, NSGA).
/// </summary>
/// <remarks>
/// A float maps linearly to [0, 1], a log float linearly in log space; a float with a step, an int or a
/// categorical gives each of its n values the cell [k/n, (k+1)/n) (its centre when encoding); a log int
/// maps log-linearly over [low − 0.5, high + 0.5], so each integer owns the width of its cell in log
/// space. Decoding takes any coordinate (clamped to [0, 1]) to a value the distribution contains.
/// </remarks>
internal static class UnitInterval
{
    /// <summary>The coordinate in [0, 1] of an internal value.</summary>
    public static double ToUnit(double value, Distribution distribution)
    {
        double u;
        switch (distribution)
        {
            case FloatDistribution f when f.Step is { } step:
                {
                    var count = Math.Round((f.High - f.Low) / step) + 1;
                    u = (Math.Round((value - f.Low) / step) + 0.5) / count;
                    break;
                }

            case FloatDistribution f when f.Log:
                u = (Math.Log(value) - Math.Log(f.Low)) / (Math.Log(f.High) - Math.Log(f.Low));
                break;

            case FloatDistribution f:
                u = (value - f.Low) / (f.High - f.Low);
                break;

            case IntDistribution i when i.Log:
                {
                    var logLow = Math.Log(i.Low - 0.5);
                    u = (Math.Log(value) - logLow) / (Math.Log(i.High + 0.5) - logLow);
                    break;
                }

            case IntDistribution i:
                u = (Math.Round((value - i.Low) / i.Step) + 0.5) / i.Count;
                break;

            default:
                throw new ArgumentException($"{distribution} has no unit-cube coordinate.", nameof(distribution));
        }

        return Math.Clamp(u, 0, 1);
    }

    /// <summary>The internal value of a coordinate (clamped to [0, 1]); the distribution contains it.</summary>
    public static double FromUnit(double u, Distribution distribution)
    {
        u = Math.Clamp(u, 0, 1);
        switch (distribution)
        {
            case FloatDistribution f when f.Step is { } step:
                {
                    var count = (long)Math.Round((f.High - f.Low) / step) + 1;
                    return Math.Min(f.High, f.Low + (Cell(u, count) * step));
                }

            case FloatDistribution f when f.Log:
                {
                    var logLow = Math.Log(f.Low);
                    return Math.Clamp(Math.Exp(logLow + (u * (Math.Log(f.High) - logLow))), f.Low, f.High);
                }

            case FloatDistribution f:
                return Math.Clamp(f.Low + (u * (f.High - f.Low)), f.Low, f.High);

            case IntDistribution i when i.Log:
                {
                    var logLow = Math.Log(i.Low - 0.5);
                    var value = Math.Round(Math.Exp(logLow + (u * (Math.Log(i.High + 0.5) - logLow))));
                    return Math.Clamp(value, i.Low, i.High);
                }

            case IntDistribution i:
                return i.Low + (Cell(u, i.Count) * (double)i.Step);

            case CategoricalDistribution c:
                return Cell(u, c.Choices.Count);

            default:
                throw new ArgumentException($"{distribution} has no unit-cube coordinate.", nameof(distribution));
        }
    }

    private static long Cell(double u, long count) => Math.Clamp((long)Math.Floor(u * count), 0, count - 1);
}
