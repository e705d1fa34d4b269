namespace Attune.Samplers;

/// <summary>
/// The search space of <see cref="CmaEsSampler"/>: numerical parameters in ordinal order of their names,
/// each mapped to a coordinate in [0, 1]. A float maps linearly (a log float in log space); an int or a
/// float with a step is cut into one equal cell per value; a log int gets the log-space cell
/// [ln(v − ½), ln(v + ½)] of each integer v, normalised over [ln(low − ½), ln(high + ½)].
/// </summary>
internal sealed class CmaSpace
{
    private readonly Distribution[] distributions;
    private readonly CmaDiscreteAxis?[] axes;
    private readonly double[] logLow;
    private readonly double[] logSpan;

    private CmaSpace(string[] names, Distribution[] distributions)
    {
        Names = names;
        this.distributions = distributions;
        axes = new CmaDiscreteAxis?[names.Length];
        logLow = new double[names.Length];
        logSpan = new double[names.Length];
        var dictionary = new Dictionary<string, Distribution>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            dictionary[names[i]] = distributions[i];
            switch (distributions[i])
            {
                case FloatDistribution { Step: { } step } f:
                    axes[i] = CmaDiscreteAxis.Linear((long)Math.Round((f.High - f.Low) / step) + 1);
                    break;
                case FloatDistribution { Log: true } f:
                    logLow[i] = Math.Log(f.Low);
                    logSpan[i] = Math.Log(f.High) - logLow[i];
                    break;
                case IntDistribution { Log: true } d:
                    axes[i] = CmaDiscreteAxis.Log(d.Low, d.High);
                    break;
                case IntDistribution d:
                    axes[i] = CmaDiscreteAxis.Linear(d.Count);
                    break;
            }
        }

        Distributions = dictionary;
        Domain = CmaDomain.UnitCube(axes);
    }

    /// <summary>The parameter names, one per coordinate.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The distributions by name.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; }

    /// <summary>The unit cube with the discrete axes.</summary>
    public CmaDomain Domain { get; }

    /// <summary>The number of coordinates.</summary>
    public int Dimension => Names.Count;

    /// <summary>Whether CMA-ES samples a distribution: a float or an int with more than one value.</summary>
    /// <param name="distribution">The distribution.</param>
    /// <returns><see langword="true"/> when it belongs in the space.</returns>
    public static bool Accepts(Distribution distribution) =>
        distribution is FloatDistribution or IntDistribution && !distribution.IsSingle;

    /// <summary>The space of the accepted parameters of <paramref name="space"/>.</summary>
    /// <param name="space">Parameters and distributions.</param>
    /// <returns>The space (possibly of dimension 0).</returns>
    public static CmaSpace From(IReadOnlyDictionary<string, Distribution> space)
    {
        var names = space.Where(p => Accepts(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        return new CmaSpace(names, [.. names.Select(n => space[n])]);
    }

    /// <summary>The distribution of coordinate <paramref name="i"/>.</summary>
    /// <param name="i">The coordinate.</param>
    /// <returns>Its distribution.</returns>
    public Distribution DistributionAt(int i) => distributions[i];

    /// <summary>Whether both spaces have the same parameters with equal distributions.</summary>
    /// <param name="other">The other space.</param>
    /// <returns><see langword="true"/> when they are the same.</returns>
    public bool SameAs(CmaSpace other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Dimension != Dimension)
        {
            return false;
        }

        for (var i = 0; i < Dimension; i++)
        {
            if (!string.Equals(Names[i], other.Names[i], StringComparison.Ordinal) || !distributions[i].Equals(other.distributions[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The coordinates of this space's parameters in <paramref name="larger"/>, or <see langword="null"/> when it is not a sub-space of it.</summary>
    /// <param name="larger">The space that may contain this one.</param>
    /// <returns>For each coordinate here, its coordinate in <paramref name="larger"/>.</returns>
    public int[]? PositionsIn(CmaSpace larger)
    {
        ArgumentNullException.ThrowIfNull(larger);
        var positions = new int[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            var j = -1;
            for (var k = 0; k < larger.Dimension; k++)
            {
                if (string.Equals(larger.Names[k], Names[i], StringComparison.Ordinal))
                {
                    j = k;
                    break;
                }
            }

            if (j < 0 || !larger.distributions[j].Equals(distributions[i]))
            {
                return null;
            }

            positions[i] = j;
        }

        return positions;
    }

    /// <summary>The internal value at coordinate <paramref name="u"/> of parameter <paramref name="i"/>.</summary>
    /// <param name="i">The coordinate.</param>
    /// <param name="u">A normalised value; outside [0, 1] it is clamped.</param>
    /// <returns>An internal value inside the distribution.</returns>
    public double FromUnit(int i, double u)
    {
        switch (distributions[i])
        {
            case FloatDistribution { Step: { } step } f:
                return Math.Min(f.High, f.Low + (axes[i]!.CellOf(u) * step));
            case FloatDistribution { Log: true } f:
                return Math.Clamp(Math.Exp(logLow[i] + (Math.Clamp(u, 0, 1) * logSpan[i])), f.Low, f.High);
            case FloatDistribution f:
                return Math.Clamp(f.Low + (Math.Clamp(u, 0, 1) * (f.High - f.Low)), f.Low, f.High);
            case IntDistribution { Log: true } d:
                return d.Low + axes[i]!.CellOf(u);
            case IntDistribution d:
                return d.Low + (axes[i]!.CellOf(u) * (double)d.Step);
            default:
                throw new InvalidOperationException($"Parameter '{Names[i]}' has an unsupported distribution {distributions[i]}.");
        }
    }

    /// <summary>The coordinate of internal value <paramref name="value"/> of parameter <paramref name="i"/> (the middle of its cell for discrete ones), clamped to [0, 1].</summary>
    /// <param name="i">The coordinate.</param>
    /// <param name="value">An internal value.</param>
    /// <returns>The normalised value.</returns>
    public double ToUnit(int i, double value)
    {
        switch (distributions[i])
        {
            case FloatDistribution { Step: { } step } f:
                return CellCentre(i, Math.Round((value - f.Low) / step));
            case FloatDistribution { Log: true }:
                return Math.Clamp((Math.Log(value) - logLow[i]) / logSpan[i], 0, 1);
            case FloatDistribution f:
                return Math.Clamp((value - f.Low) / (f.High - f.Low), 0, 1);
            case IntDistribution { Log: true } d:
                return CellCentre(i, Math.Round(value) - d.Low);
            case IntDistribution d:
                return CellCentre(i, Math.Round((value - d.Low) / d.Step));
            default:
                throw new InvalidOperationException($"Parameter '{Names[i]}' has an unsupported distribution {distributions[i]}.");
        }
    }

    private double CellCentre(int i, double cell)
    {
        var axis = axes[i]!;
        return Math.Clamp(axis.Centre((long)Math.Clamp(cell, 0, axis.Count - 1)), 0, 1);
    }
}
