namespace Attune.Bench.Runner;

/// <summary>Median and quartiles of a sample.</summary>
/// <param name="Count">The number of values (NaN left out).</param>
/// <param name="Median">The median.</param>
/// <param name="Q25">The 25th percentile.</param>
/// <param name="Q75">The 75th percentile.</param>
/// <param name="Mean">The mean.</param>
public sealed record Quartiles(int Count, double Median, double Q25, double Q75, double Mean)
{
    /// <summary>Computes the quartiles with linear interpolation between order statistics (numpy's default).</summary>
    /// <param name="values">The values; NaN is left out.</param>
    /// <returns>The quartiles; NaN everywhere when no value is left.</returns>
    public static Quartiles Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Quartiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new Quartiles(sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.25), Percentile(sorted, 0.75), sorted.Average());
    }

    /// <summary>The <paramref name="q"/>-quantile of sorted values, interpolating linearly (position q·(n − 1)).</summary>
    /// <param name="sorted">Values in ascending order, at least one.</param>
    /// <param name="q">The quantile in [0, 1].</param>
    /// <returns>The quantile.</returns>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        if (q is < 0 or > 1 || double.IsNaN(q))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must lie in [0, 1].");
        }

        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var fraction = position - below;
        return sorted[below] + ((sorted[above] - sorted[below]) * fraction);
    }
}
