namespace Attune.Pbt;

/// <summary>The outcome of a population-based training run.</summary>
/// <param name="Best">The best final segment: the member with the best score after its last segment.</param>
/// <param name="History">The whole run as recorded in the study.</param>
public sealed record PbtResult(PbtSegment Best, PbtHistory History);
