namespace Attune.Samplers;

/// <summary>
/// Where a CMA-ES run searches: a box (infinite bounds for free coordinates) and, for discrete
/// coordinates, the cells that map a coordinate to a value.
/// </summary>
internal sealed class CmaDomain
{
    /// <summary>Creates a domain.</summary>
    /// <param name="lower">The lower bound of each coordinate (−∞ for none).</param>
    /// <param name="upper">The upper bound of each coordinate (+∞ for none).</param>
    /// <param name="axes">The discrete axis of each coordinate, <see langword="null"/> for continuous ones.</param>
    public CmaDomain(double[] lower, double[] upper, CmaDiscreteAxis?[] axes)
    {
        if (lower.Length != upper.Length || lower.Length != axes.Length)
        {
            throw new ArgumentException("Bounds and axes must have one entry per coordinate.", nameof(axes));
        }

        Lower = lower;
        Upper = upper;
        Axes = axes;
        HasDiscrete = axes.Any(a => a is not null);
    }

    /// <summary>The number of coordinates.</summary>
    public int Dimension => Lower.Length;

    /// <summary>Lower bounds.</summary>
    public double[] Lower { get; }

    /// <summary>Upper bounds.</summary>
    public double[] Upper { get; }

    /// <summary>Discrete axes (<see langword="null"/> for continuous coordinates).</summary>
    public CmaDiscreteAxis?[] Axes { get; }

    /// <summary>Whether any coordinate is discrete.</summary>
    public bool HasDiscrete { get; }

    /// <summary>All of ℝⁿ, continuous.</summary>
    /// <param name="n">The dimension.</param>
    /// <returns>The domain.</returns>
    public static CmaDomain Unbounded(int n) => new(
        Enumerable.Repeat(double.NegativeInfinity, n).ToArray(),
        Enumerable.Repeat(double.PositiveInfinity, n).ToArray(),
        new CmaDiscreteAxis?[n]);

    /// <summary>The unit cube [0, 1]ⁿ, with the given discrete axes.</summary>
    /// <param name="axes">The discrete axis of each coordinate, <see langword="null"/> for continuous ones.</param>
    /// <returns>The domain.</returns>
    public static CmaDomain UnitCube(CmaDiscreteAxis?[] axes) => new(new double[axes.Length], Enumerable.Repeat(1.0, axes.Length).ToArray(), axes);

    /// <summary>The domain of a subset of the coordinates.</summary>
    /// <param name="keep">The coordinates to keep, in order.</param>
    /// <returns>The domain.</returns>
    public CmaDomain Select(IReadOnlyList<int> keep) =>
        new([.. keep.Select(i => Lower[i])], [.. keep.Select(i => Upper[i])], [.. keep.Select(i => Axes[i])]);
}
