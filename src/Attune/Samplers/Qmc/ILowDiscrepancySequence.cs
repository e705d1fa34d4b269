namespace Attune.Samplers;

/// <summary>
/// A point set in [0, 1)^d whose point <c>i</c> is computed directly from <c>i</c>, without the points
/// before it. Implementations are immutable and thread-safe.
/// </summary>
internal interface ILowDiscrepancySequence
{
    /// <summary>The number of coordinates of a point.</summary>
    int Dimension { get; }

    /// <summary>Writes point <paramref name="index"/> into <paramref name="destination"/>.</summary>
    /// <param name="index">The point's index, from 0.</param>
    /// <param name="destination">At least <see cref="Dimension"/> elements; each receives a coordinate in [0, 1).</param>
    void Point(long index, Span<double> destination);
}
