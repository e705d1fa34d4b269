using System.Globalization;

namespace Attune.Samplers;

/// <summary>
/// The values of a finite distribution, numbered from 0: the choices of a categorical, the grid
/// <c>low + k·step</c> of an int or stepped float (floats computed in decimal, as Optuna does, so that
/// 0.1-style steps give the shortest values), or the single value of a one-point float.
/// </summary>
internal static class FiniteCandidates
{
    /// <summary>How many values <paramref name="distribution"/> has, or <see langword="false"/> for a continuous float.</summary>
    public static bool TryCount(Distribution distribution, out long count)
    {
        switch (distribution)
        {
            case CategoricalDistribution c:
                count = c.Choices.Count;
                return true;
            case IntDistribution i:
                count = i.Count;
                return true;
            case FloatDistribution { Step: { } step } f:
                count = (long)Math.Round((f.High - f.Low) / step) + 1;
                return true;
            case FloatDistribution f when f.Low == f.High:
                count = 1;
                return true;
            default:
                count = 0;
                return false;
        }
    }

    /// <summary>The number of an internal value, or -1 when the value is not one of the distribution's values.</summary>
    public static long KeyOf(Distribution distribution, double internalValue)
    {
        if (!distribution.Contains(internalValue))
        {
            return -1;
        }

        return distribution switch
        {
            CategoricalDistribution => (long)internalValue,
            IntDistribution i => ((long)internalValue - i.Low) / i.Step,
            FloatDistribution { Step: { } step } f => (long)Math.Round((internalValue - f.Low) / step),
            FloatDistribution f when f.Low == f.High => 0,
            _ => -1,
        };
    }

    /// <summary>The internal value with number <paramref name="key"/>.</summary>
    public static double ValueOf(Distribution distribution, long key)
    {
        switch (distribution)
        {
            case CategoricalDistribution:
                return key;
            case IntDistribution i:
                return i.Low + (key * (double)i.Step);
            case FloatDistribution { Step: { } step } f:
                {
                    if (TryDecimal(f.Low, out var low) && TryDecimal(step, out var s))
                    {
                        try
                        {
                            return Math.Min(f.High, (double)(low + (key * s)));
                        }
                        catch (OverflowException)
                        {
                            // Fall through to binary arithmetic.
                        }
                    }

                    return Math.Min(f.High, f.Low + (key * step));
                }

            case FloatDistribution f:
                return f.Low;
            default:
                throw new ArgumentException($"Unsupported distribution {distribution}.", nameof(distribution));
        }
    }

    private static bool TryDecimal(double value, out decimal result) =>
        decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
}
