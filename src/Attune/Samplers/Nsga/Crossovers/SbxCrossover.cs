using System.Globalization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Simulated binary crossover, SBX (Deb and Agrawal, 1995), in the bounded form of Deb's NSGA-II
/// reference code: each coordinate is crossed with probability <see cref="VariableProbability"/>, and
/// a crossed coordinate is one of two children spread around the parents by a polynomial distribution
/// with index <see cref="Eta"/>, truncated so that both children stay in [0, 1]. The two children are
/// symmetric around the parents' midpoint when the bounds are far; larger <see cref="Eta"/> keeps them
/// closer to the parents. A coordinate that is not crossed keeps the first parent's value.
/// </summary>
public sealed class SbxCrossover : ICrossover
{
    /// <summary>Creates the operator.</summary>
    /// <param name="eta">The distribution index, &gt;= 0. Default 20 (Deb's NSGA-II setting).</param>
    /// <param name="variableProbability">The probability of crossing each coordinate, in [0, 1]. Default 0.5.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eta"/> is negative or not finite, or <paramref name="variableProbability"/> is outside [0, 1].</exception>
    public SbxCrossover(double eta = 20, double variableProbability = 0.5)
    {
        if (!(eta >= 0 && double.IsFinite(eta)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(eta), eta, string.Create(CultureInfo.InvariantCulture, $"eta must be a finite number >= 0, but got {eta}."));
        }

        if (!(variableProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(variableProbability),
                variableProbability,
                string.Create(CultureInfo.InvariantCulture, $"variableProbability must be in [0, 1], but got {variableProbability}."));
        }

        Eta = eta;
        VariableProbability = variableProbability;
    }

    /// <summary>The distribution index: how closely children follow their parents.</summary>
    public double Eta { get; }

    /// <summary>The probability of crossing each coordinate.</summary>
    public double VariableProbability { get; }

    /// <inheritdoc/>
    public int ParentCount => 2;

    /// <inheritdoc/>
    public void Cross(ReadOnlySpan<double> parents, Span<double> child, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = child.Length;
        var exponent = 1.0 / (Eta + 1);
        for (var i = 0; i < n; i++)
        {
            var a = parents[i];
            var b = parents[n + i];
            if (random.NextDouble() >= VariableProbability || Math.Abs(a - b) <= 1e-14)
            {
                child[i] = a;
                continue;
            }

            var low = Math.Min(a, b);
            var high = Math.Max(a, b);
            var spread = high - low;
            var u = random.NextDouble();
            var below = 0.5 * (low + high - (Spread(u, 1 + (2 * low / spread), exponent) * spread));
            var above = 0.5 * (low + high + (Spread(u, 1 + (2 * (1 - high) / spread), exponent) * spread));
            child[i] = Math.Clamp(random.NextDouble() < 0.5 ? below : above, 0, 1);
        }
    }

    /// <summary>The spread factor β_q for a uniform draw, truncated so that the child stays inside the bound at distance (β − 1)/2 of the spread.</summary>
    /// <param name="u">The uniform draw in [0, 1).</param>
    /// <param name="beta">1 + 2 × (distance from the nearer parent to the bound) / spread.</param>
    /// <param name="exponent">1 / (η + 1).</param>
    internal static double Spread(double u, double beta, double exponent)
    {
        var alpha = 2 - Math.Pow(beta, -1 / exponent);
        return u <= 1 / alpha
            ? Math.Pow(u * alpha, exponent)
            : Math.Pow(1 / (2 - (u * alpha)), exponent);
    }
}
