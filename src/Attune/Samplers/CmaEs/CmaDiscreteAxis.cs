namespace Attune.Samplers;

/// <summary>
/// A discrete coordinate of the normalised search space: [0, 1] cut into <see cref="Count"/> cells,
/// one per allowed value. Cells are equal for a grid (an int or a float with a step); for a log int,
/// the cell of integer v spans [ln(v − ½), ln(v + ½)] in log space. Boundaries are computed, never
/// tabulated, so that a range of a billion integers costs nothing.
/// </summary>
internal sealed class CmaDiscreteAxis
{
    private readonly double logLow;
    private readonly double logSpan;
    private readonly long low;

    private CmaDiscreteAxis(long count, bool log, long low, double logLow, double logSpan)
    {
        Count = count;
        IsLog = log;
        this.low = low;
        this.logLow = logLow;
        this.logSpan = logSpan;
    }

    /// <summary>The number of cells (values), at least 2.</summary>
    public long Count { get; }

    /// <summary>Whether cells are equal in the logarithm of the value (a log int) rather than in the value.</summary>
    public bool IsLog { get; }

    /// <summary>An axis of <paramref name="count"/> equal cells.</summary>
    /// <param name="count">The number of values.</param>
    /// <returns>The axis.</returns>
    public static CmaDiscreteAxis Linear(long count) => new(count, false, 0, 0, 1);

    /// <summary>An axis for the integers <paramref name="low"/> … <paramref name="high"/> on a log scale.</summary>
    /// <param name="low">The smallest integer, at least 1.</param>
    /// <param name="high">The largest integer.</param>
    /// <returns>The axis.</returns>
    public static CmaDiscreteAxis Log(long low, long high)
    {
        var logLow = Math.Log(low - 0.5);
        return new CmaDiscreteAxis(high - low + 1, true, low, logLow, Math.Log(high + 0.5) - logLow);
    }

    /// <summary>The cell that holds the coordinate <paramref name="u"/>; coordinates outside [0, 1] fall in the end cells.</summary>
    /// <param name="u">A normalised coordinate.</param>
    /// <returns>The cell index in [0, <see cref="Count"/>).</returns>
    public long CellOf(double u)
    {
        if (double.IsNaN(u) || u <= 0)
        {
            return 0;
        }

        if (u >= 1)
        {
            return Count - 1;
        }

        var cell = IsLog
            ? (long)Math.Round(Math.Exp(logLow + (u * logSpan))) - low
            : (long)Math.Floor(u * Count);
        return Math.Clamp(cell, 0, Count - 1);
    }

    /// <summary>The boundary between cells <paramref name="cell"/> − 1 and <paramref name="cell"/>.</summary>
    /// <param name="cell">A cell in [1, <see cref="Count"/>).</param>
    /// <returns>The normalised coordinate of the boundary.</returns>
    public double LowerBoundary(long cell) =>
        IsLog ? (Math.Log(low + cell - 0.5) - logLow) / logSpan : (double)cell / Count;

    /// <summary>The representative coordinate of a cell: its middle (for a log int, the logarithm of its integer).</summary>
    /// <param name="cell">A cell in [0, <see cref="Count"/>).</param>
    /// <returns>The normalised coordinate.</returns>
    public double Centre(long cell) =>
        IsLog ? (Math.Log(low + cell) - logLow) / logSpan : (cell + 0.5) / Count;
}
