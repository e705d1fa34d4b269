namespace Attune.Pbt;

/// <summary>
/// One segment of one member's training, as recorded in the study: a trial whose parameters are the
/// hyperparameters in force and whose value is the score at the end of the segment.
/// </summary>
public sealed record PbtSegment
{
    /// <summary>The member (0 to population size − 1).</summary>
    public required int Member { get; init; }

    /// <summary>The segment's index in the member's training (0 for the first).</summary>
    public required int Generation { get; init; }

    /// <summary>The trial that records the segment.</summary>
    public required int TrialNumber { get; init; }

    /// <summary>The trial's state: Complete once trained, Running while training, Fail when interrupted (then trained again by a later trial).</summary>
    public required TrialState State { get; init; }

    /// <summary>The score at the end of the segment, once complete.</summary>
    public double? Score { get; init; }

    /// <summary>The hyperparameters in force during the segment.</summary>
    public required PbtHyperparameters Hyperparameters { get; init; }

    /// <summary>The member's first step of the segment (inclusive).</summary>
    public required long StartStep { get; init; }

    /// <summary>The member's step at the end of the segment (exclusive).</summary>
    public required long EndStep { get; init; }

    /// <summary>The member whose checkpoint the segment started from (the member itself unless it exploited another); <see langword="null"/> for a first segment.</summary>
    public int? ParentMember { get; init; }

    /// <summary>The trial whose checkpoint the segment started from; <see langword="null"/> for a first segment.</summary>
    public int? ParentTrial { get; init; }

    /// <summary>Whether the segment began by exploiting another member (copying its checkpoint and exploring its hyperparameters).</summary>
    public bool Exploited { get; init; }

    /// <summary>The checkpoint the segment started from, or <see langword="null"/> for a fresh model.</summary>
    public string? LoadedCheckpoint { get; init; }

    /// <summary>The checkpoint written at the end of the segment, once complete.</summary>
    public string? Checkpoint { get; init; }
}
