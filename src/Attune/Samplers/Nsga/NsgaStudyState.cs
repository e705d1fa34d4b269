namespace Attune.Samplers;

/// <summary>
/// What one genetic sampler knows about one study, built incrementally from the study's trials: which
/// complete trials carry which generation tag, the intersection search space, and the closed
/// generations' elite populations (cached: a closed generation never changes).
/// </summary>
/// <remarks>
/// Each refresh looks only at trials it has not seen finished: the trials created since the last
/// refresh and the few that were still running or waiting then. The cost per trial therefore does not
/// grow with the size of the study.
/// </remarks>
internal sealed class NsgaStudyState
{
    private readonly string generationKey;
    private readonly List<int> pending = [];
    private readonly Dictionary<int, List<int>> completeByGeneration = [];
    private readonly List<Population> closed = [];
    private int scanned;

    public NsgaStudyState(string generationKey)
    {
        this.generationKey = generationKey;
    }

    public Lock Gate { get; } = new();

    public IntersectionSpace Space { get; } = new();

    /// <summary>The last closed generation, or -1.</summary>
    public int LastClosed => closed.Count - 1;

    /// <summary>The elite of closed generation <paramref name="generation"/>, or <see langword="null"/>.</summary>
    public Population? Elite(int generation) =>
        generation >= 0 && generation < closed.Count ? closed[generation] : null;

    /// <summary>The numbers of the complete trials tagged with <paramref name="generation"/> (unordered).</summary>
    public IReadOnlyList<int> Complete(int generation) =>
        completeByGeneration.TryGetValue(generation, out var list) ? list : [];

    /// <summary>
    /// The members of generation <paramref name="generation"/> once they are settled, or <see langword="null"/>:
    /// the first <paramref name="size"/> complete trials tagged with the generation, in number order. They are
    /// settled when no trial numbered below the last of them is still running untagged or tagged with the
    /// generation: such a trial could still join them, so two workers that looked at different moments could
    /// disagree. Once settled, every later view of the storage gives the same members. A trial that runs for
    /// as long as <paramref name="patience"/> × <paramref name="size"/> trials of the generation complete
    /// (a dead worker) no longer holds the generation back.
    /// </summary>
    public int[]? SettledMembers(int generation, int size, int patience, IReadOnlyList<TrialRecord> trials)
    {
        var complete = Complete(generation);
        if (complete.Count < size)
        {
            return null;
        }

        var members = complete.Order().Take(size).ToArray();
        if (complete.Count >= patience * size)
        {
            return members;
        }

        var last = members[^1];
        foreach (var index in pending)
        {
            var trial = trials[index];
            if (trial.Number < last
                && trial.State == TrialState.Running
                && (!trial.SystemAttrs.TryGetValue(generationKey, out var tag) || tag is long g && g == generation))
            {
                return null;
            }
        }

        return members;
    }

    /// <summary>Records the elite of the next generation to close.</summary>
    public void Close(Population elite) => closed.Add(elite);

    /// <summary>Replaces the elite of an already closed generation (with the one the study recorded).</summary>
    /// <param name="elite">The elite; its <see cref="Population.Generation"/> says which.</param>
    public void Replace(Population elite) => closed[elite.Generation] = elite;

    /// <summary>Takes in what changed in <paramref name="trials"/> (the study's trials in number order) since the last call.</summary>
    public void Refresh(IReadOnlyList<TrialRecord> trials)
    {
        for (var k = pending.Count - 1; k >= 0; k--)
        {
            if (Take(trials[pending[k]]))
            {
                pending.RemoveAt(k);
            }
        }

        for (; scanned < trials.Count; scanned++)
        {
            if (!Take(trials[scanned]))
            {
                pending.Add(scanned);
            }
        }
    }

    // Takes a finished trial in and returns true; returns false for a trial that may still change.
    private bool Take(TrialRecord trial)
    {
        switch (trial.State)
        {
            case TrialState.Running:
            case TrialState.Waiting:
                return false;
            case TrialState.Complete:
                Space.Add(trial);
                if (trial.SystemAttrs.TryGetValue(generationKey, out var tag) && tag is long generation and >= 0 and <= int.MaxValue)
                {
                    var g = (int)generation;
                    if (!completeByGeneration.TryGetValue(g, out var list))
                    {
                        completeByGeneration[g] = list = [];
                    }

                    list.Add(trial.Number);
                }

                return true;
            default:
                return true;
        }
    }
}
