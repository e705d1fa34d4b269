using System.Numerics;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Sobol's sequence in base 2 with 64-bit coordinates, optionally scrambled. Point <c>i</c> is the XOR
/// of the direction numbers selected by the bits of the Gray code of <c>i</c> (the order SciPy and
/// Joe and Kuo use), so any point costs O(d · log i) without generating the points before it.
/// </summary>
/// <remarks>
/// <para>
/// Unscrambled, point 0 is the origin and the points are exactly those of
/// <c>scipy.stats.qmc.Sobol(d, scramble=False)</c>; like SciPy, the first point is not skipped.
/// </para>
/// <para>
/// Scrambled (Owen-type, as SciPy does it): a linear matrix scramble followed by a digital shift
/// ("LMS + shift"). Per dimension, a random lower-triangular binary matrix with a unit diagonal
/// multiplies every direction number (each output digit is its input digit plus a random combination
/// of the more significant ones), and a random 64-bit shift is XORed into every point. Both keep the
/// (t, m, s)-net property: for every m, points 2^m·j … 2^m·(j+1) − 1 still fall one into each of 2^m
/// equal intervals of every coordinate. The random bits of dimension <c>k</c> come from a stream
/// derived from the seed and <c>k</c> alone, so a dimension's scramble does not depend on how many
/// dimensions there are.
/// </para>
/// </remarks>
internal sealed class SobolSequence : ILowDiscrepancySequence
{
    private const ulong StreamKey = 0x536F626F6C4C4D53UL; // "SobolLMS"
    private const double Fraction53 = 1.0 / (1UL << 53);

    private readonly ulong[][] directions;
    private readonly ulong[] shifts;

    /// <summary>Creates the sequence.</summary>
    /// <param name="dimension">The number of coordinates, 1 to <see cref="SobolDirectionNumbers.MaxDimension"/>.</param>
    /// <param name="scrambleSeed">The seed of the scramble, or <see langword="null"/> for the plain sequence.</param>
    public SobolSequence(int dimension, ulong? scrambleSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (dimension > SobolDirectionNumbers.MaxDimension)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dimension), dimension, $"Sobol's sequence is available for 1 to {SobolDirectionNumbers.MaxDimension} dimensions.");
        }

        directions = new ulong[dimension][];
        shifts = new ulong[dimension];
        for (var d = 0; d < dimension; d++)
        {
            directions[d] = SobolDirectionNumbers.For(d);
            if (scrambleSeed is { } seed)
            {
                var rng = SeededRandom.For(SeededRandom.Derive(seed, StreamKey), (ulong)d);
                Scramble(directions[d], rng);
                shifts[d] = rng.NextUInt64();
            }
        }
    }

    /// <inheritdoc/>
    public int Dimension => directions.Length;

    /// <inheritdoc/>
    public void Point(long index, Span<double> destination)
    {
        Span<ulong> bits = directions.Length <= 64 ? stackalloc ulong[directions.Length] : new ulong[directions.Length];
        PointBits(index, bits);
        for (var d = 0; d < bits.Length; d++)
        {
            destination[d] = (bits[d] >> 11) * Fraction53;
        }
    }

    /// <summary>Writes point <paramref name="index"/> as 64-bit binary fractions (coordinate = value / 2^64).</summary>
    /// <param name="index">The index, from 0.</param>
    /// <param name="destination">At least <see cref="Dimension"/> elements.</param>
    public void PointBits(long index, Span<ulong> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (destination.Length < directions.Length)
        {
            throw new ArgumentException($"The destination has {destination.Length} elements; the sequence has {directions.Length} dimensions.", nameof(destination));
        }

        var gray = (ulong)index ^ ((ulong)index >> 1);
        for (var d = 0; d < directions.Length; d++)
        {
            var v = directions[d];
            var x = shifts[d];
            for (var g = gray; g != 0; g &= g - 1)
            {
                x ^= v[BitOperations.TrailingZeroCount(g)];
            }

            destination[d] = x;
        }
    }

    // Left-multiplies every direction number by a random lower-triangular matrix over GF(2) with a unit
    // diagonal. Digits are indexed from the most significant (digit k is bit 63 - k); row k of the matrix
    // is a mask over the input's bits: its own digit plus random bits among the k more significant ones.
    private static void Scramble(ulong[] v, SeededRandom rng)
    {
        const int bits = SobolDirectionNumbers.Bits;
        Span<ulong> rows = stackalloc ulong[bits];
        for (var k = 0; k < bits; k++)
        {
            var higher = k == 0 ? 0UL : rng.NextUInt64() & (ulong.MaxValue << (bits - k));
            rows[k] = (1UL << (bits - 1 - k)) | higher;
        }

        for (var j = 0; j < v.Length; j++)
        {
            var scrambled = 0UL;
            for (var k = 0; k < bits; k++)
            {
                scrambled |= (ulong)(BitOperations.PopCount(rows[k] & v[j]) & 1) << (bits - 1 - k);
            }

            v[j] = scrambled;
        }
    }
}
