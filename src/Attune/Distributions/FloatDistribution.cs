using System.Globalization;

namespace Attune;

/// <summary>
/// A real-valued parameter in [<see cref="Low"/>, <see cref="High"/>], optionally on a log scale or
/// on a grid of <see cref="Step"/> from <see cref="Low"/>.
/// </summary>
public sealed record FloatDistribution : Distribution
{
    /// <summary>Creates a float distribution and validates it.</summary>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive.</param>
    /// <param name="log">Sample on a log scale; requires <paramref name="low"/> &gt; 0 and no step.</param>
    /// <param name="step">The grid spacing from <paramref name="low"/>; <see langword="null"/> for continuous.</param>
    /// <exception cref="ArgumentException">A bound is not finite, <paramref name="low"/> &gt; <paramref name="high"/>,
    /// <paramref name="log"/> with <paramref name="low"/> &lt;= 0 or with a step, or <paramref name="step"/> &lt;= 0.</exception>
    public FloatDistribution(double low, double high, bool log = false, double? step = null)
    {
        if (!double.IsFinite(low))
        {
            throw new ArgumentException($"low must be a finite number, but got {Format(low)}.", nameof(low));
        }

        if (!double.IsFinite(high))
        {
            throw new ArgumentException($"high must be a finite number, but got {Format(high)}.", nameof(high));
        }

        if (low > high)
        {
            throw new ArgumentException($"low must be <= high, but got low={Format(low)} and high={Format(high)}.", nameof(low));
        }

        if (log && step is not null)
        {
            throw new ArgumentException($"step and log cannot be used together, but got step={Format(step.Value)} with log=true.", nameof(step));
        }

        if (log && low <= 0)
        {
            throw new ArgumentException($"low must be > 0 for a log distribution, but got low={Format(low)}.", nameof(low));
        }

        if (step is { } s && !(s > 0 && double.IsFinite(s)))
        {
            throw new ArgumentException($"step must be a finite number > 0, but got step={Format(s)}.", nameof(step));
        }

        Low = low;
        High = step is { } st ? AdjustHighToStep(low, high, st) : high;
        Log = log;
        Step = step;
    }

    /// <summary>The lower bound, inclusive.</summary>
    public double Low { get; }

    /// <summary>The upper bound, inclusive. With a step, the largest grid point not above the requested high.</summary>
    public double High { get; }

    /// <summary>Whether values are sampled on a log scale.</summary>
    public bool Log { get; }

    /// <summary>The grid spacing from <see cref="Low"/>, or <see langword="null"/> for a continuous range.</summary>
    public double? Step { get; }

    /// <inheritdoc/>
    public override bool IsSingle => Step is { } s ? High - Low < s : Low == High;

    /// <summary>
    /// The largest point of the grid <c>low + k·step</c> that is not above <paramref name="high"/>:
    /// the high a step that does not divide the range is adjusted to, as Optuna does.
    /// </summary>
    internal static double AdjustHighToStep(double low, double high, double step)
    {
        // Decimal arithmetic on the shortest round-trip strings, so that 0.1-style steps divide exactly.
        if (TryToDecimal(low, out var dLow) && TryToDecimal(high, out var dHigh) && TryToDecimal(step, out var dStep))
        {
            var range = dHigh - dLow;
            return range % dStep == 0m ? high : (double)((decimal.Floor(range / dStep) * dStep) + dLow);
        }

        var k = Math.Floor((high - low) / step);
        return Math.Min(high, low + (k * step));
    }

    private static bool TryToDecimal(double value, out decimal result) =>
        decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out result);

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue) => internalValue;

    /// <inheritdoc/>
    public override double ToInternal(object? externalValue) => externalValue switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        short s => s,
        byte b => b,
        _ => throw new ArgumentException(
            $"A value of a float parameter must be a number, but got {Describe(externalValue)}.", nameof(externalValue)),
    };

    /// <inheritdoc/>
    public override bool Contains(double internalValue)
    {
        if (double.IsNaN(internalValue) || internalValue < Low || internalValue > High)
        {
            return false;
        }

        if (Step is not { } step)
        {
            return true;
        }

        var k = (internalValue - Low) / step;
        return Math.Abs(k - Math.Round(k)) <= 1e-8 * Math.Max(1, Math.Abs(k));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"FloatDistribution(low={Format(Low)}, high={Format(High)}, log={(Log ? "true" : "false")}, step={(Step is { } s ? Format(s) : "null")})";

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\" (string)",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        _ => $"{value} ({value.GetType().Name})",
    };
}
