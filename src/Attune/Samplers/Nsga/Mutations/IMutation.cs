using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Perturbs one numerical coordinate of a child in the unit cube (see <see cref="ICrossover"/>) for
/// <see cref="NsgaIISampler"/> and <see cref="NsgaIIISampler"/>. Without a mutation operator the samplers
/// mutate as Optuna does: the parameter is left to the independent sampler, which draws it afresh.
/// Implementations must be thread-safe and take all randomness from the given stream.
/// </summary>
public interface IMutation
{
    /// <summary>Returns the mutated coordinate.</summary>
    /// <param name="value">The coordinate, in [0, 1].</param>
    /// <param name="random">The random stream of this child.</param>
    /// <returns>The new coordinate; the sampler clamps it into [0, 1].</returns>
    double Mutate(double value, SeededRandom random);
}
