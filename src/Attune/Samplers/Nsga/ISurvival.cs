using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>How a genetic sampler keeps its elite and picks tournament winners.</summary>
internal interface ISurvival
{
    /// <summary>Selects <paramref name="size"/> survivors from <paramref name="candidates"/> (more than <paramref name="size"/> of them).</summary>
    /// <param name="candidates">The previous elite and the new generation's members.</param>
    /// <param name="size">How many survive.</param>
    /// <param name="objectives">The number of objectives.</param>
    /// <param name="random">The generation's random stream, for ties the method breaks at random.</param>
    Individual[] Select(IReadOnlyList<Individual> candidates, int size, int objectives, SeededRandom random);

    /// <summary>Whether member <paramref name="a"/> of <paramref name="population"/> wins a binary tournament against member <paramref name="b"/>.</summary>
    bool Wins(Population population, int a, int b, SeededRandom random);
}
