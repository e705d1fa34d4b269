namespace Attune.Samplers;

/// <summary>
/// Walks a study's trial snapshots so that each trial is handed over once, when it has finished:
/// new trials are visited once, and trials that were still running are remembered and revisited
/// until they finish. A call therefore costs what changed, not the size of the study. Not
/// thread-safe: its owner serialises calls and passes snapshots in time order.
/// </summary>
internal sealed class FinishedTrialCursor
{
    private readonly List<int> unfinished = [];
    private int seen;

    /// <summary>How many trials (by number, from 0) the cursor has visited.</summary>
    public int Seen => seen;

    /// <summary>Hands every trial that finished since the last call to <paramref name="onFinished"/>, in number order.</summary>
    /// <param name="trials">The study's trials, in number order.</param>
    /// <param name="onFinished">Takes a finished trial; returns whether it changed the owner's result.</param>
    /// <param name="onUnfinished">Called, in number order, with every trial that is still waiting or running; optional.</param>
    /// <returns>Whether any call to <paramref name="onFinished"/> returned <see langword="true"/>.</returns>
    /// <exception cref="InvalidOperationException">The trials are not in number order.</exception>
    public bool Advance(IReadOnlyList<TrialRecord> trials, Func<TrialRecord, bool> onFinished, Action<TrialRecord>? onUnfinished = null)
    {
        var changed = false;
        var kept = 0;
        for (var i = 0; i < unfinished.Count; i++)
        {
            var trial = trials[unfinished[i]];
            if (trial.State.IsFinished())
            {
                changed |= onFinished(trial);
            }
            else
            {
                unfinished[kept++] = unfinished[i];
                onUnfinished?.Invoke(trial);
            }
        }

        unfinished.RemoveRange(kept, unfinished.Count - kept);
        for (; seen < trials.Count; seen++)
        {
            var trial = trials[seen];
            if (trial.Number != seen)
            {
                throw new InvalidOperationException($"The study's trials are not in number order: position {seen} holds trial {trial.Number}.");
            }

            if (trial.State.IsFinished())
            {
                changed |= onFinished(trial);
            }
            else
            {
                unfinished.Add(seen);
                onUnfinished?.Invoke(trial);
            }
        }

        return changed;
    }
}
