using System.Globalization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Blend crossover BLX-α (Eshelman and Schaffer, 1993): each coordinate of the child is uniform on the
/// parents' interval widened by <see cref="Alpha"/> times its length on both sides.
/// </summary>
public sealed class BlxAlphaCrossover : ICrossover
{
    /// <summary>Creates the operator.</summary>
    /// <param name="alpha">How far, as a fraction of the parents' distance, the child may fall outside their interval; &gt;= 0. Default 0.5.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative or not finite.</exception>
    public BlxAlphaCrossover(double alpha = 0.5)
    {
        if (!(alpha >= 0 && double.IsFinite(alpha)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(alpha), alpha, string.Create(CultureInfo.InvariantCulture, $"alpha must be a finite number >= 0, but got {alpha}."));
        }

        Alpha = alpha;
    }

    /// <summary>The widening of the parents' interval on each side, as a fraction of its length.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public int ParentCount => 2;

    /// <inheritdoc/>
    public void Cross(ReadOnlySpan<double> parents, Span<double> child, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = child.Length;
        for (var i = 0; i < n; i++)
        {
            var low = Math.Min(parents[i], parents[n + i]);
            var high = Math.Max(parents[i], parents[n + i]);
            var widen = Alpha * (high - low);
            child[i] = random.NextDouble(low - widen, high + widen);
        }
    }
}
