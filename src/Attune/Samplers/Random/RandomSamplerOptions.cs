namespace Attune.Samplers;

/// <summary>Options of <see cref="RandomSampler"/>.</summary>
public sealed record RandomSamplerOptions
{
    /// <summary>The seed. A seeded sampler gives the same parameters for the same trial number and name, with any number of workers.</summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy.</value>
    public int? Seed { get; init; }
}
