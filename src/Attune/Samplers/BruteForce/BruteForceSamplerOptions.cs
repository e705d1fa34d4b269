namespace Attune.Samplers;

/// <summary>Options of <see cref="BruteForceSampler"/>.</summary>
public sealed record BruteForceSamplerOptions
{
    /// <summary>The seed of the visiting order: which unexplored branch each trial takes.</summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy.</value>
    public int? Seed { get; init; }

    /// <summary>
    /// How long a new trial waits when no unexplored branch is free because running trials hold the rest
    /// (for example while the first trial has not suggested its first parameter yet). A running trial opens
    /// new branches when it suggests its next parameter; when none opens within this time, the trial stops
    /// the study and throws <see cref="SearchSpaceExhaustedException"/>, leaving the rest to the running trials.
    /// </summary>
    /// <value>Default 10 seconds. Must not be negative.</value>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
