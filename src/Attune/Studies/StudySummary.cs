namespace Attune;

/// <summary>A study as listed by <see cref="Study.ListStudies(string)"/>.</summary>
/// <param name="Name">The name.</param>
/// <param name="Directions">One direction per objective.</param>
/// <param name="TrialCount">How many trials it has, in any state.</param>
/// <param name="BestTrial">The best complete trial of a single-objective study, or <see langword="null"/>.</param>
/// <param name="StartedAt">When its first trial started, or <see langword="null"/>.</param>
/// <param name="UserAttrs">User attributes.</param>
/// <param name="SystemAttrs">System attributes.</param>
public sealed record StudySummary(
    string Name,
    IReadOnlyList<StudyDirection> Directions,
    int TrialCount,
    TrialRecord? BestTrial,
    DateTimeOffset? StartedAt,
    IReadOnlyDictionary<string, object?> UserAttrs,
    IReadOnlyDictionary<string, object?> SystemAttrs);
