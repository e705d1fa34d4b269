namespace Attune.Storage;

/// <summary>What storage knows of a study apart from its trials.</summary>
/// <param name="StudyId">The storage's identifier.</param>
/// <param name="Name">The unique name.</param>
/// <param name="Directions">One direction per objective.</param>
/// <param name="UserAttrs">User attributes.</param>
/// <param name="SystemAttrs">System attributes.</param>
public sealed record StudyInfo(
    int StudyId,
    string Name,
    IReadOnlyList<StudyDirection> Directions,
    IReadOnlyDictionary<string, object?> UserAttrs,
    IReadOnlyDictionary<string, object?> SystemAttrs);
