using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// A seeded permutation of [0, size) that needs no memory: a four-round Feistel network on the
/// smallest even number of bits that holds <c>size - 1</c>, with cycle walking to stay inside the range
/// (fewer than four steps on average). Grids of billions of points cost nothing to shuffle.
/// </summary>
internal sealed class GridOrder
{
    private readonly ulong size;
    private readonly int halfBits;
    private readonly ulong halfMask;
    private readonly ulong[] roundKeys;
    private readonly bool identity;

    public GridOrder(long size, ulong seed, bool shuffle)
    {
        this.size = (ulong)size;
        identity = !shuffle || size <= 1;
        var bits = size <= 1 ? 2 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(size - 1));
        bits = Math.Max(2, bits + (bits & 1));
        halfBits = bits / 2;
        halfMask = (1UL << halfBits) - 1;
        roundKeys = new ulong[4];
        for (var i = 0; i < roundKeys.Length; i++)
        {
            roundKeys[i] = SeededRandom.Derive(seed, 0x6772696400UL + (ulong)i);
        }
    }

    /// <summary>The grid id at position <paramref name="position"/> of the visiting order.</summary>
    public long Map(long position)
    {
        if (identity)
        {
            return position;
        }

        var x = (ulong)position;
        do
        {
            x = Encrypt(x);
        }
        while (x >= size);

        return (long)x;
    }

    private ulong Encrypt(ulong x)
    {
        var left = x >> halfBits;
        var right = x & halfMask;
        foreach (var key in roundKeys)
        {
            (left, right) = (right, left ^ (SeededRandom.Derive(key, right) & halfMask));
        }

        return (left << halfBits) | right;
    }
}
