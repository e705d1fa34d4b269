using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Recombines the numerical parameters of parent trials into one child for <see cref="NsgaIISampler"/>
/// and <see cref="NsgaIIISampler"/>. Parameters arrive in the unit cube: every float or int parameter is
/// mapped to [0, 1] (log parameters in log space, integers and stepped floats with each grid value owning
/// an equal cell), so an operator sees the same scale in every coordinate. Categorical parameters never
/// reach a crossover; they are swapped between two parents (uniform crossover).
/// </summary>
/// <remarks>
/// A child coordinate may leave [0, 1]: the sampler then draws new parents and tries again, and after
/// <see cref="MaxAttempts"/> tries clamps the last child into the cube. Implementations must be
/// thread-safe (keep no mutable state) and take all randomness from the stream they are given.
/// </remarks>
public interface ICrossover
{
    /// <summary>How many attempts the sampler makes before it clamps a child into [0, 1].</summary>
    const int MaxAttempts = 16;

    /// <summary>How many parents the operator combines (at least 2).</summary>
    int ParentCount { get; }

    /// <summary>Writes one child.</summary>
    /// <param name="parents">
    /// <see cref="ParentCount"/> parents, row-major: parent <c>k</c>'s coordinate <c>i</c> is at
    /// <c>k * child.Length + i</c>; every coordinate is in [0, 1].
    /// </param>
    /// <param name="child">Receives the child's coordinates; values outside [0, 1] are allowed.</param>
    /// <param name="random">The random stream of this child.</param>
    void Cross(ReadOnlySpan<double> parents, Span<double> child, SeededRandom random);
}
