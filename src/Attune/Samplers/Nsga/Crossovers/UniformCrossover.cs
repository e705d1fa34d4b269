using System.Globalization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Uniform crossover: the child takes each coordinate from the first parent, or with probability
/// <see cref="SwappingProbability"/> from the second. Optuna's default crossover for NSGA-II. Children stay
/// on the parents' values, so in continuous spaces new values come only from mutation.
/// </summary>
public sealed class UniformCrossover : ICrossover
{
    /// <summary>Creates the operator.</summary>
    /// <param name="swappingProbability">The probability of taking a coordinate from the second parent, in [0, 1]. Default 0.5.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="swappingProbability"/> is outside [0, 1].</exception>
    public UniformCrossover(double swappingProbability = 0.5)
    {
        if (!(swappingProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(swappingProbability),
                swappingProbability,
                string.Create(CultureInfo.InvariantCulture, $"swappingProbability must be in [0, 1], but got {swappingProbability}."));
        }

        SwappingProbability = swappingProbability;
    }

    /// <summary>The probability of taking a coordinate from the second parent.</summary>
    public double SwappingProbability { get; }

    /// <inheritdoc/>
    public int ParentCount => 2;

    /// <inheritdoc/>
    public void Cross(ReadOnlySpan<double> parents, Span<double> child, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = child.Length;
        for (var i = 0; i < n; i++)
        {
            child[i] = random.NextDouble() < SwappingProbability ? parents[n + i] : parents[i];
        }
    }
}
