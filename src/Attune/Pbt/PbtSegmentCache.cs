using System.Collections.Concurrent;

namespace Attune.Pbt;

/// <summary>
/// The segments parsed from trials, by trial number, so that reading the study again parses only the trials whose
/// state or segment attribute changed since (a run reads the study after every segment).
/// </summary>
internal sealed class PbtSegmentCache
{
    private readonly ConcurrentDictionary<int, Entry> entries = new();

    /// <summary>The segment a trial records, parsed at most once per state and attribute value.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The segment, or <see langword="null"/> when the trial is not a segment.</returns>
    public PbtSegment? Read(TrialRecord trial)
    {
        if (!trial.SystemAttrs.TryGetValue(PbtAttributes.SegmentKey, out var raw) || raw is not string json)
        {
            return null;
        }

        if (entries.TryGetValue(trial.Number, out var entry) && entry.State == trial.State && entry.Json == json)
        {
            return entry.Segment;
        }

        var segment = PbtAttributes.Read(trial);
        if (segment is not null)
        {
            entries[trial.Number] = new Entry(trial.State, json, segment);
        }

        return segment;
    }

    private sealed record Entry(TrialState State, string Json, PbtSegment Segment);
}
