namespace Attune.Samplers;

/// <summary>Options of <see cref="RandomForestSampler"/>.</summary>
public sealed record RandomForestSamplerOptions
{
    /// <summary>
    /// The seed of the sampler's randomness (the forest's bootstrap samples, the random candidates and
    /// neighbours of the acquisition search) and of the default <see cref="IndependentSampler"/>. With a
    /// seed, a sequential study is reproducible.
    /// </summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy.</value>
    public int? Seed { get; init; }

    /// <summary>
    /// The number of complete trials before the forest takes over; until then <see cref="IndependentSampler"/>
    /// samples every parameter (relative sampling is delegated to it, so a <see cref="QmcSampler"/> gives
    /// quasi-random startup points).
    /// </summary>
    /// <value>Default 10. At least 2 complete trials are always needed.</value>
    /// <exception cref="ArgumentException">Negative (thrown by the <see cref="RandomForestSampler"/> constructor).</exception>
    public int StartupTrials { get; init; } = 10;

    /// <summary>The sampler for the startup trials, the random proposals and parameters outside the search space.</summary>
    /// <value>Default <see langword="null"/>: a <see cref="RandomSampler"/> with the same <see cref="Seed"/>.</value>
    public Sampler? IndependentSampler { get; init; }

    /// <summary>The number of regression trees of the surrogate forest.</summary>
    /// <value>Default 20 (SMAC uses 10; 20 gave lower regret on the mixed and conditional benchmarks, see docs/samplers.md).</value>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public int Trees { get; init; } = 20;

    /// <summary>The fewest distinct trials a tree node needs to be split.</summary>
    /// <value>Default 2 (as SMAC's facade for hyperparameter optimization).</value>
    /// <exception cref="ArgumentException">Less than 2.</exception>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>The fewest distinct trials in each leaf.</summary>
    /// <value>Default 1 (as SMAC's facade for hyperparameter optimization).</value>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>The fraction of parameters tried at each split (at least one).</summary>
    /// <value>Default 1: every parameter (as SMAC's facade for hyperparameter optimization).</value>
    /// <exception cref="ArgumentException">Not in (0, 1].</exception>
    public double FeatureFraction { get; init; } = 1;

    /// <summary>
    /// Model the logarithm of the objective, shifted to start just above 0, instead of the objective itself
    /// (as SMAC does): large values are compressed and differences near the best are stretched.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool LogObjective { get; init; } = true;

    /// <summary>The number of uniformly random points at which expected improvement is evaluated per trial.</summary>
    /// <value>Default 1000.</value>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public int RandomCandidates { get; init; } = 1000;

    /// <summary>
    /// The number of local searches per trial: from the best trials, then from the best random candidates.
    /// A local search moves to the neighbour (one parameter changed) with the largest expected improvement
    /// until no neighbour improves.
    /// </summary>
    /// <value>Default 10 (as SMAC).</value>
    /// <exception cref="ArgumentException">Less than 0.</exception>
    public int LocalSearches { get; init; } = 10;

    /// <summary>
    /// Every this many trials after the startup, the whole trial is sampled by <see cref="IndependentSampler"/>
    /// instead of by the forest (SMAC interleaves a random configuration with every other one). 0 never does.
    /// </summary>
    /// <value>Default 0.</value>
    /// <exception cref="ArgumentException">Negative.</exception>
    public int RandomInterval { get; init; }
}
