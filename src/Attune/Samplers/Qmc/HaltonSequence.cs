using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// The Halton sequence: coordinate <c>k</c> of point <c>i</c> is the radical inverse of <c>i</c> in the
/// <c>k</c>-th prime base (2, 3, 5, …), optionally scrambled with random digit permutations. Any point
/// costs O(d · log i) without the points before it.
/// </summary>
/// <remarks>
/// <para>
/// Unscrambled, point 0 is the origin and the points are those of
/// <c>scipy.stats.qmc.Halton(d, scramble=False)</c> (to the last bit or so: we divide once instead of
/// summing digit by digit).
/// </para>
/// <para>
/// Scrambled, as SciPy does it: each dimension with base <c>b</c> has its own random permutation of
/// the digits 0 … b−1 for each digit position, applied to every digit of the index, the leading zeros
/// included (so the coordinate is Σ π_j(d_j) b^−(j+1) over all positions a double resolves). A
/// permutation of the digits keeps the stratification: points b^m·j … b^m·(j+1) − 1 fall one into
/// each of b^m equal intervals. The permutations of dimension <c>k</c> come from a stream derived from
/// the seed and <c>k</c> alone. Memory: the permutations take positions × base integers per
/// dimension, about 2,700 for the 100th prime (541).
/// </para>
/// </remarks>
internal sealed class HaltonSequence : ILowDiscrepancySequence
{
    private const ulong StreamKey = 0x48616C746F6E5045UL; // "HaltonPE"
    private const ulong Resolution = 1UL << 53;

    private readonly int[] bases;
    private readonly int[] positions;
    private readonly ulong[] scales;
    private readonly int[][]? permutations;

    /// <summary>Creates the sequence.</summary>
    /// <param name="dimension">The number of coordinates, at least 1.</param>
    /// <param name="scrambleSeed">The seed of the scramble, or <see langword="null"/> for the plain sequence.</param>
    public HaltonSequence(int dimension, ulong? scrambleSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        bases = FirstPrimes(dimension);
        positions = new int[dimension];
        scales = new ulong[dimension];
        permutations = scrambleSeed is null ? null : new int[dimension][];
        for (var d = 0; d < dimension; d++)
        {
            // As many base-b digits as a double resolves: the largest K with b^K <= 2^53.
            var b = (ulong)bases[d];
            ulong scale = 1;
            var count = 0;
            while (scale <= Resolution / b)
            {
                scale *= b;
                count++;
            }

            positions[d] = count;
            scales[d] = scale;
            if (scrambleSeed is { } seed)
            {
                var rng = SeededRandom.For(SeededRandom.Derive(seed, StreamKey), (ulong)d);
                var table = new int[count * bases[d]];
                for (var j = 0; j < count; j++)
                {
                    var permutation = table.AsSpan(j * bases[d], bases[d]);
                    for (var digit = 0; digit < permutation.Length; digit++)
                    {
                        permutation[digit] = digit;
                    }

                    rng.Shuffle(permutation);
                }

                permutations![d] = table;
            }
        }
    }

    /// <inheritdoc/>
    public int Dimension => bases.Length;

    /// <summary>The prime base of each dimension.</summary>
    public IReadOnlyList<int> Bases => bases;

    /// <inheritdoc/>
    public void Point(long index, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (destination.Length < bases.Length)
        {
            throw new ArgumentException($"The destination has {destination.Length} elements; the sequence has {bases.Length} dimensions.", nameof(destination));
        }

        for (var d = 0; d < bases.Length; d++)
        {
            // numerator = sum over positions j of digit'_j * b^(K-1-j); coordinate = numerator / b^K.
            // Both are integers below 2^53, so the one division is correctly rounded and below 1.
            var b = (ulong)bases[d];
            var rest = (ulong)index;
            var weight = scales[d];
            ulong numerator = 0;
            var table = permutations?[d];
            for (var j = 0; j < positions[d]; j++)
            {
                weight /= b;
                var digit = (int)(rest % b);
                rest /= b;
                if (table is not null)
                {
                    digit = table[(j * bases[d]) + digit];
                }
                else if (rest == 0 && digit == 0)
                {
                    break;
                }

                numerator += (ulong)digit * weight;
            }

            destination[d] = numerator / (double)scales[d];
        }
    }

    /// <summary>The first <paramref name="count"/> primes.</summary>
    /// <param name="count">How many.</param>
    /// <returns>2, 3, 5, … in order.</returns>
    internal static int[] FirstPrimes(int count)
    {
        var primes = new int[count];
        var found = 0;
        for (var candidate = 2; found < count; candidate++)
        {
            var isPrime = true;
            for (var i = 0; i < found && primes[i] * primes[i] <= candidate; i++)
            {
                if (candidate % primes[i] == 0)
                {
                    isPrime = false;
                    break;
                }
            }

            if (isPrime)
            {
                primes[found++] = candidate;
            }
        }

        return primes;
    }
}
