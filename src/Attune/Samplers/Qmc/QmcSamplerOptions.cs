namespace Attune.Samplers;

/// <summary>Options of <see cref="QmcSampler"/>.</summary>
public sealed record QmcSamplerOptions
{
    /// <summary>The low-discrepancy sequence to draw from.</summary>
    /// <value>Default <see cref="QmcSequence.Sobol"/>.</value>
    public QmcSequence QmcType { get; init; } = QmcSequence.Sobol;

    /// <summary>
    /// Randomize the sequence (Sobol: linear matrix scramble plus digital shift; Halton: random digit
    /// permutations), keeping its even spread. Scrambled points are not biased toward the bounds and
    /// the origin as plain points are, and different seeds give independent point sets.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Scramble { get; init; } = true;

    /// <summary>
    /// The seed of the scramble and of the default <see cref="IndependentSampler"/>. Workers that share
    /// a study and a seed draw the same point for the same trial number.
    /// </summary>
    /// <value>
    /// Default <see langword="null"/>: the first sampler that samples in the study draws a seed from the
    /// operating system's entropy and records it in the study (system attribute
    /// <see cref="QmcSampler.SeedKey"/>), and every unseeded <see cref="QmcSampler"/> on that study,
    /// in any process, adopts it.
    /// </value>
    public int? Seed { get; init; }

    /// <summary>
    /// The sampler for parameters outside the QMC search space: categorical parameters, parameters that
    /// first appear after the search space was fixed, and every parameter of the trials that start
    /// before any trial has finished.
    /// </summary>
    /// <value>Default <see langword="null"/>: a <see cref="RandomSampler"/> with the same <see cref="Seed"/>.</value>
    public Sampler? IndependentSampler { get; init; }

    /// <summary>Log a warning (once per parameter and study) when a parameter is sampled by <see cref="IndependentSampler"/> after the search space was fixed.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool WarnIndependentSampling { get; init; } = true;
}
