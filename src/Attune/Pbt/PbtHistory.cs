namespace Attune.Pbt;

/// <summary>
/// The record of a population-based training run read back from its study: every segment, each member's
/// segments and hyperparameter schedule, and the lineage of any segment (whose checkpoints it descends from).
/// </summary>
public sealed class PbtHistory
{
    private readonly Dictionary<int, PbtSegment> byTrial;

    private PbtHistory(IReadOnlyList<PbtSegment> segments)
    {
        Segments = segments;
        byTrial = segments.ToDictionary(s => s.TrialNumber);
        var canonical = new Dictionary<(int Member, int Generation), PbtSegment>();
        foreach (var segment in segments)
        {
            // The first trial of a (member, generation) that did not fail is the one that counts; later ones
            // are duplicates from concurrent runners, which fail themselves.
            if (segment.State != TrialState.Fail && !canonical.ContainsKey((segment.Member, segment.Generation)))
            {
                canonical[(segment.Member, segment.Generation)] = segment;
            }
        }

        var memberCount = segments.Count == 0 ? 0 : segments.Max(s => s.Member) + 1;
        var byMember = canonical.Values.ToLookup(s => s.Member);
        var members = new PbtMemberHistory[memberCount];
        for (var m = 0; m < memberCount; m++)
        {
            members[m] = new PbtMemberHistory(m, byMember[m].OrderBy(s => s.Generation).ToArray());
        }

        Members = members;
    }

    /// <summary>Every segment trial of the study (including interrupted and duplicate attempts, which failed), in trial order.</summary>
    public IReadOnlyList<PbtSegment> Segments { get; }

    /// <summary>Each member's history, indexed by member.</summary>
    public IReadOnlyList<PbtMemberHistory> Members { get; }

    /// <summary>Reads the history of a study trained by <see cref="PopulationBasedTraining"/>.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The history (empty when the study has no segments).</returns>
    /// <exception cref="InvalidOperationException">A segment attribute is malformed or of a newer version.</exception>
    public static PbtHistory Load(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return FromTrials(study.Trials);
    }

    /// <summary>Reads the history from trials (e.g. a snapshot of a study).</summary>
    /// <param name="trials">The trials; those that are not segments are skipped.</param>
    /// <returns>The history.</returns>
    /// <exception cref="InvalidOperationException">A segment attribute is malformed or of a newer version.</exception>
    public static PbtHistory FromTrials(IEnumerable<TrialRecord> trials) => FromTrials(trials, null);

    /// <summary>Reads the history from trials, reusing the segments a cache parsed before.</summary>
    /// <param name="trials">The trials.</param>
    /// <param name="cache">Parsed segments from earlier reads, or <see langword="null"/>.</param>
    /// <returns>The history.</returns>
    internal static PbtHistory FromTrials(IEnumerable<TrialRecord> trials, PbtSegmentCache? cache)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var segments = new List<PbtSegment>();
        foreach (var trial in trials)
        {
            if ((cache is null ? PbtAttributes.Read(trial) : cache.Read(trial)) is { } segment)
            {
                segments.Add(segment);
            }
        }

        segments.Sort((a, b) => a.TrialNumber.CompareTo(b.TrialNumber));
        return new PbtHistory(segments);
    }

    /// <summary>The segment recorded by a trial.</summary>
    /// <param name="trialNumber">The trial number.</param>
    /// <returns>The segment, or <see langword="null"/> when the trial is not a segment.</returns>
    public PbtSegment? Segment(int trialNumber) => byTrial.GetValueOrDefault(trialNumber);

    /// <summary>
    /// The lineage of a segment: the chain of segments whose checkpoints it descends from, following each
    /// segment's parent trial back to a first segment, oldest first and ending with the segment itself.
    /// Its hyperparameters, segment by segment, are the schedule that trained the segment's model.
    /// </summary>
    /// <param name="trialNumber">The trial of the segment.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentException">The trial is not a segment.</exception>
    public IReadOnlyList<PbtSegment> Lineage(int trialNumber)
    {
        var chain = new List<PbtSegment>();
        var current = Segment(trialNumber) ?? throw new ArgumentException($"Trial {trialNumber} is not a PBT segment.", nameof(trialNumber));
        var seen = new HashSet<int>();
        while (seen.Add(current.TrialNumber))
        {
            chain.Add(current);
            if (current.ParentTrial is not { } parent || Segment(parent) is not { } next)
            {
                break;
            }

            current = next;
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>The best completed segment of the last generation (the final models), or <see langword="null"/> when none has completed.</summary>
    /// <param name="direction">Whether a larger score is better.</param>
    /// <returns>The segment.</returns>
    public PbtSegment? BestFinal(StudyDirection direction)
    {
        var finals = Members.Select(m => m.Latest).OfType<PbtSegment>().ToArray();
        if (finals.Length == 0)
        {
            return null;
        }

        var last = finals.Max(s => s.Generation);
        var candidates = finals.Where(s => s.Generation == last);
        return direction == StudyDirection.Maximize
            ? candidates.MaxBy(s => s.Score!.Value)
            : candidates.MinBy(s => s.Score!.Value);
    }
}
