namespace Attune;

/// <summary>
/// An integer parameter in [<see cref="Low"/>, <see cref="High"/>], optionally on a log scale or on a
/// grid of <see cref="Step"/> from <see cref="Low"/>.
/// </summary>
public sealed record IntDistribution : Distribution
{
    /// <summary>Creates an integer distribution and validates it.</summary>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive.</param>
    /// <param name="log">Sample on a log scale; requires <paramref name="low"/> &gt;= 1 and a step of 1.</param>
    /// <param name="step">The grid spacing from <paramref name="low"/>; default 1.</param>
    /// <exception cref="ArgumentException"><paramref name="low"/> &gt; <paramref name="high"/>, <paramref name="step"/> &lt;= 0,
    /// or <paramref name="log"/> with <paramref name="low"/> &lt; 1 or a step other than 1.</exception>
    public IntDistribution(int low, int high, bool log = false, int step = 1)
    {
        if (low > high)
        {
            throw new ArgumentException($"low must be <= high, but got low={low} and high={high}.", nameof(low));
        }

        if (step <= 0)
        {
            throw new ArgumentException($"step must be > 0, but got step={step}.", nameof(step));
        }

        if (log && step != 1)
        {
            throw new ArgumentException($"step must be 1 when log=true, but got step={step}.", nameof(step));
        }

        if (log && low < 1)
        {
            throw new ArgumentException($"low must be >= 1 for a log distribution, but got low={low}.", nameof(low));
        }

        Low = low;
        High = AdjustHighToStep(low, high, step);
        Log = log;
        Step = step;
    }

    /// <summary>The lower bound, inclusive.</summary>
    public int Low { get; }

    /// <summary>The upper bound, inclusive. The largest grid point not above the requested high.</summary>
    public int High { get; }

    /// <summary>Whether values are sampled on a log scale.</summary>
    public bool Log { get; }

    /// <summary>The grid spacing from <see cref="Low"/>; 1 for every integer.</summary>
    public int Step { get; }

    /// <inheritdoc/>
    public override bool IsSingle => Low == High;

    /// <summary>The number of grid points.</summary>
    public long Count => (((long)High - Low) / Step) + 1;

    /// <summary>The largest point of the grid <c>low + k·step</c> not above <paramref name="high"/>, as Optuna adjusts it.</summary>
    internal static int AdjustHighToStep(int low, int high, int step) =>
        (int)(low + ((((long)high - low) / step) * step));

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue) => (int)Math.Round(internalValue);

    /// <inheritdoc/>
    public override double ToInternal(object? externalValue) => externalValue switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => l,
        short s => s,
        byte b => b,
        double d when d == Math.Round(d) && d is >= int.MinValue and <= int.MaxValue => d,
        float f when f == MathF.Round(f) && f is >= int.MinValue and <= int.MaxValue => f,
        decimal m when m == decimal.Round(m) && m is >= int.MinValue and <= int.MaxValue => (double)m,
        _ => throw new ArgumentException(
            $"A value of an int parameter must be a whole number within the range of int, but got {FloatDistribution.Describe(externalValue)}.",
            nameof(externalValue)),
    };

    /// <inheritdoc/>
    public override bool Contains(double internalValue)
    {
        if (double.IsNaN(internalValue) || internalValue < Low || internalValue > High || internalValue != Math.Round(internalValue))
        {
            return false;
        }

        return ((long)internalValue - Low) % Step == 0;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"IntDistribution(low={Low}, high={High}, log={(Log ? "true" : "false")}, step={Step})";
}
