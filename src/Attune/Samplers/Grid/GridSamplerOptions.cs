namespace Attune.Samplers;

/// <summary>Options of <see cref="GridSampler"/>.</summary>
public sealed record GridSamplerOptions
{
    /// <summary>
    /// The seed of the visiting order. Trial number <c>k</c> of a fresh study takes the <c>k</c>-th point
    /// of a permutation of the grid drawn from this seed, so workers that share a seed (in one process
    /// or many) take distinct points without ever contending for one.
    /// </summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy. Give every process of a distributed study the same seed.</value>
    public int? Seed { get; init; }

    /// <summary>Whether to visit the grid in a random order (drawn from <see cref="Seed"/>); <see langword="false"/> visits it in grid order (grid id 0, 1, 2, …).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Shuffle { get; init; } = true;
}
