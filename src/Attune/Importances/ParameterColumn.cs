namespace Attune.Importances;

/// <summary>
/// One parameter's values over the evaluated trials as coordinates: numerical parameters in [0, 1]
/// (log parameters in log space, discrete ones on the centres of their cells), a categorical choice k
/// of K at (k + 0.5)/K, and a trial that lacks the parameter at <see cref="Missing"/>.
/// </summary>
internal sealed class ParameterColumn
{
    /// <summary>The coordinate of a trial that does not have the parameter (below every real value).</summary>
    public const double Missing = -1;

    /// <summary>Creates the column.</summary>
    public ParameterColumn(string name, Distribution distribution, double[] values, int cells)
    {
        Name = name;
        Distribution = distribution;
        Values = values;
        Cells = cells;
        var missing = 0;
        foreach (var v in values)
        {
            if (v == Missing)
            {
                missing++;
            }
        }

        MissingFraction = values.Length == 0 ? 0 : (double)missing / values.Length;
    }

    /// <summary>The parameter's name.</summary>
    public string Name { get; }

    /// <summary>The distribution the coordinates refer to (merged over the trials when it changed between them).</summary>
    public Distribution Distribution { get; }

    /// <summary>The coordinate of each trial.</summary>
    public double[] Values { get; }

    /// <summary>The number of distinct values of a categorical or discrete parameter with few values; 0 for a continuous one.</summary>
    public int Cells { get; }

    /// <summary>Whether the parameter is categorical.</summary>
    public bool IsCategorical => Distribution is CategoricalDistribution;

    /// <summary>The fraction of trials that lack the parameter.</summary>
    public double MissingFraction { get; }

    /// <summary>
    /// The probability, under the parameter's reference measure (its missing fraction as a point mass
    /// at <see cref="Missing"/>, the rest spread uniformly over [0, 1]), of the interval (low, high].
    /// </summary>
    /// <param name="low">The exclusive lower end (may be −∞).</param>
    /// <param name="high">The inclusive upper end (may be +∞).</param>
    /// <returns>The probability.</returns>
    public double Measure(double low, double high)
    {
        var present = Math.Max(0, Math.Min(high, 1) - Math.Max(low, 0));
        var missing = low < Missing && Missing <= high ? MissingFraction : 0;
        return missing + ((1 - MissingFraction) * present);
    }
}
