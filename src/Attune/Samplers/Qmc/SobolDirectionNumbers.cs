using System.Buffers.Binary;

namespace Attune.Samplers;

/// <summary>
/// The Sobol' direction numbers of Joe and Kuo (2008), "Constructing Sobol sequences with better
/// two-dimensional projections", SIAM J. Sci. Comput. 30, 2635–2654: the first
/// <see cref="MaxDimension"/> dimensions of their table new-joe-kuo-6.21201, as SciPy ships it.
/// </summary>
/// <remarks>
/// The table is the embedded resource <c>SobolDirectionNumbers.bin</c> (about 11 KB), written by
/// <c>eng/generate-sobol-directions.py</c>, which also describes the bit-packed format: per dimension
/// the degree <c>s</c> of its primitive polynomial, the polynomial's interior coefficients, and the
/// odd initial numbers <c>m_1 … m_s</c>. Dimension 0 (the van der Corput sequence) is implicit.
/// </remarks>
internal static class SobolDirectionNumbers
{
    /// <summary>The number of bits of every direction number (and of every unscrambled coordinate).</summary>
    public const int Bits = 64;

    private const string ResourceName = "Attune.Samplers.Qmc.SobolDirectionNumbers.bin";

    // Per dimension: the polynomial (x^s ... + 1 as bits, bit k = coefficient of x^k) and m_1..m_s.
    private static readonly Entry[] Table = Load();

    /// <summary>The number of dimensions the table covers.</summary>
    public static int MaxDimension => Table.Length;

    /// <summary>
    /// The <see cref="Bits"/> direction numbers of <paramref name="dimension"/>, left-aligned: element
    /// <c>k</c> is <c>m_(k+1) · 2^(63-k)</c>, so that the unscrambled coordinate of a point is the
    /// XOR of the direction numbers selected by the Gray code of its index, read as a 64-bit fraction.
    /// </summary>
    /// <param name="dimension">The dimension, from 0.</param>
    /// <returns>A new array of <see cref="Bits"/> numbers.</returns>
    public static ulong[] For(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, MaxDimension);
        var entry = Table[dimension];
        var s = entry.Initial.Length;
        var v = new ulong[Bits];
        for (var k = 0; k < Bits; k++)
        {
            if (s == 0)
            {
                // Dimension 0: every m_k is 1 (the van der Corput sequence in base 2).
                v[k] = 1UL << (Bits - 1 - k);
            }
            else if (k < s)
            {
                v[k] = (ulong)entry.Initial[k] << (Bits - 1 - k);
            }
            else
            {
                v[k] = Recur(v, k, s, entry.Polynomial);
            }
        }

        return v;
    }

    private static ulong Recur(ulong[] v, int k, int s, ulong polynomial)
    {
        // Bratley and Fox's recurrence on scaled numbers:
        // v_k = v_(k-s) xor (v_(k-s) >> s) xor sum over j = 1..s-1 of a_j v_(k-j),
        // where a_j is the coefficient of x^(s-j).
        var next = v[k - s] ^ (v[k - s] >> s);
        for (var j = 1; j < s; j++)
        {
            if (((polynomial >> (s - j)) & 1) != 0)
            {
                next ^= v[k - j];
            }
        }

        return next;
    }

    private static Entry[] Load()
    {
        using var stream = typeof(SobolDirectionNumbers).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        if (bytes.Length < 7 || bytes[0] != (byte)'A' || bytes[1] != (byte)'S' || bytes[2] != (byte)'D' || bytes[3] != (byte)'N' || bytes[4] != 1)
        {
            throw new InvalidOperationException($"The embedded resource {ResourceName} is not a version-1 direction-number table.");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(5, 2));
        var reader = new BitReader(bytes, 7);
        var table = new Entry[count];
        table[0] = new Entry(0, []);
        for (var d = 1; d < count; d++)
        {
            var s = (int)reader.Read(5);
            var interior = reader.Read(s - 1);
            var polynomial = (1UL << s) | (interior << 1) | 1;
            var initial = new uint[s];
            for (var i = 1; i <= s; i++)
            {
                initial[i - 1] = (uint)((reader.Read(i - 1) << 1) | 1);
            }

            table[d] = new Entry(polynomial, initial);
        }

        return table;
    }

    private sealed record Entry(ulong Polynomial, uint[] Initial);

    private struct BitReader(byte[] bytes, int offset)
    {
        private long position = (long)offset * 8;

        public ulong Read(int width)
        {
            ulong value = 0;
            for (var k = 0; k < width; k++)
            {
                var bit = (bytes[(int)(position >> 3)] >> (int)(position & 7)) & 1;
                value |= (ulong)bit << k;
                position++;
            }

            return value;
        }
    }
}
