using System.Globalization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// A "virtual" SBX in the spirit of Ballester and Carter (2003) and of Optuna's <c>VSBXCrossover</c>:
/// unlike SBX it places children on both sides of a parent, so no region near the parents is excluded.
/// Each coordinate is crossed with probability 1/2 (otherwise it takes either parent's value); a crossed
/// coordinate picks a parent <c>a</c> at random and moves a fraction <c>s</c> of the distance to the
/// other parent <c>b</c>, towards it or away from it with equal probability, where
/// <c>s = (1 − v^(1/(η+1))) / 2</c> for uniform <c>v</c> lies in [0, 1/2] and concentrates near 0 as
/// <see cref="Eta"/> grows.
/// </summary>
public sealed class VsbxCrossover : ICrossover
{
    /// <summary>Creates the operator.</summary>
    /// <param name="eta">The distribution index, &gt;= 0. Default 20.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eta"/> is negative or not finite.</exception>
    public VsbxCrossover(double eta = 20)
    {
        if (!(eta >= 0 && double.IsFinite(eta)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(eta), eta, string.Create(CultureInfo.InvariantCulture, $"eta must be a finite number >= 0, but got {eta}."));
        }

        Eta = eta;
    }

    /// <summary>The distribution index: how closely children follow their parents.</summary>
    public double Eta { get; }

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
            var first = random.NextDouble() < 0.5;
            var a = first ? parents[i] : parents[n + i];
            var b = first ? parents[n + i] : parents[i];
            if (random.NextDouble() >= 0.5)
            {
                child[i] = a;
                continue;
            }

            var s = 0.5 * (1 - Math.Pow(random.NextDouble(), exponent));
            child[i] = random.NextDouble() < 0.5 ? a + (s * (b - a)) : a - (s * (b - a));
        }
    }
}
