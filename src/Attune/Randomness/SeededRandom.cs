using System.Numerics;
using System.Security.Cryptography;

namespace Attune.Randomness;

/// <summary>
/// A seeded pseudo-random generator: xoshiro256** (Blackman and Vigna) with its state filled by
/// SplitMix64. The algorithm is fixed, so a seed gives the same numbers on every platform and .NET
/// version. Streams for independent purposes (a trial, a parameter) are derived with
/// <see cref="Derive(ulong, ulong)"/> instead of being drawn from one shared generator, so that
/// results do not depend on the order in which parallel workers ask for numbers.
/// </summary>
/// <remarks>Not thread-safe: give each thread or trial its own stream.</remarks>
public sealed class SeededRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>Creates a stream from a 64-bit seed.</summary>
    /// <param name="seed">The seed; any value, including 0.</param>
    public SeededRandom(ulong seed)
    {
        var sm = seed;
        s0 = SplitMix64(ref sm);
        s1 = SplitMix64(ref sm);
        s2 = SplitMix64(ref sm);
        s3 = SplitMix64(ref sm);
    }

    /// <summary>A seed drawn from the operating system's entropy source, for samplers created without a seed.</summary>
    /// <returns>A random 64-bit seed.</returns>
    public static ulong EntropySeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }

    /// <summary>
    /// The seed of a stream derived from <paramref name="seed"/> for the purpose <paramref name="key"/>
    /// (a trial number, a hashed name). Distinct keys give statistically independent streams.
    /// </summary>
    /// <param name="seed">The parent seed.</param>
    /// <param name="key">What the derived stream is for.</param>
    /// <returns>The derived seed.</returns>
    public static ulong Derive(ulong seed, ulong key)
    {
        var state = seed ^ (key * 0xD1342543DE82EF95UL);
        _ = SplitMix64(ref state);
        return SplitMix64(ref state) ^ Mix(key + 0x9E3779B97F4A7C15UL);
    }

    /// <summary>A stream derived from <paramref name="seed"/> for <paramref name="key"/>.</summary>
    /// <param name="seed">The parent seed.</param>
    /// <param name="key">What the stream is for.</param>
    /// <returns>A new stream.</returns>
    public static SeededRandom For(ulong seed, ulong key) => new(Derive(seed, key));

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>The value.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <returns>The value; <paramref name="low"/> when the bounds are equal.</returns>
    public double NextDouble(double low, double high)
    {
        var value = low + ((high - low) * NextDouble());
        return value >= high ? low : value;
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveHigh"/>), without modulo bias.</summary>
    /// <param name="exclusiveHigh">The number of outcomes; must be positive.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exclusiveHigh"/> is not positive.</exception>
    public long NextInt64(long exclusiveHigh)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveHigh);
        var range = (ulong)exclusiveHigh;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var high = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= threshold)
            {
                return (long)high;
            }
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveHigh"/>).</summary>
    /// <param name="exclusiveHigh">The number of outcomes; must be positive.</param>
    /// <returns>The value.</returns>
    public int NextInt32(int exclusiveHigh) => (int)NextInt64(exclusiveHigh);

    /// <summary>A standard normal deviate (polar Box–Muller, one value per call).</summary>
    /// <returns>The value.</returns>
    public double NextGaussian()
    {
        while (true)
        {
            var u = (2 * NextDouble()) - 1;
            var v = (2 * NextDouble()) - 1;
            var s = (u * u) + (v * v);
            if (s > 0 && s < 1)
            {
                return u * Math.Sqrt(-2 * Math.Log(s) / s);
            }
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)NextInt64(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
