namespace Attune.Pbt;

/// <summary>
/// Deletes checkpoints nobody can load any more. While the run goes on it keeps each member's latest checkpoint
/// (its own next segment and any exploit may load it) and the one before (which a runner in another process
/// deciding from a slightly older read of the study may still choose), every checkpoint a segment being trained
/// started from, and in synchronous mode the checkpoints of the generation the slowest member is deciding from.
/// Once every member has finished, only the latest checkpoints (the final models) are kept. Everything else a
/// completed segment wrote, and whatever an interrupted segment may have written, is deleted.
/// </summary>
internal sealed class CheckpointCollector
{
    private readonly ICheckpointStore store;
    private readonly string studyName;
    private readonly PbtMode mode;
    private readonly HashSet<string> deleted = new(StringComparer.Ordinal);

    /// <summary>Creates the collector.</summary>
    /// <param name="store">The store.</param>
    /// <param name="studyName">The study's name.</param>
    /// <param name="mode">The run's mode.</param>
    public CheckpointCollector(ICheckpointStore store, string studyName, PbtMode mode)
    {
        this.store = store;
        this.studyName = studyName;
        this.mode = mode;
    }

    /// <summary>The checkpoints that must be kept.</summary>
    /// <param name="history">The history.</param>
    /// <param name="mode">The run's mode.</param>
    /// <param name="done">Whether every member has finished.</param>
    /// <returns>Their ids.</returns>
    public static HashSet<string> InUse(PbtHistory history, PbtMode mode, bool done)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var slowest = history.Members.Count == 0 ? 0 : history.Members.Min(m => m.CompletedGenerations);
        foreach (var member in history.Members)
        {
            if (member.Latest?.Checkpoint is { } latest)
            {
                keep.Add(latest);
            }

            if (done)
            {
                continue;
            }

            var completed = member.CompletedGenerations;
            foreach (var segment in member.Segments)
            {
                var decidingFrom = mode == PbtMode.Synchronous && segment.Generation == slowest - 1;
                if ((decidingFrom || segment.Generation == completed - 2) && segment.Checkpoint is { } kept)
                {
                    keep.Add(kept);
                }
            }
        }

        foreach (var segment in history.Segments)
        {
            if (segment.State is TrialState.Running or TrialState.Waiting && segment.LoadedCheckpoint is { } loading)
            {
                keep.Add(loading);
            }
        }

        return keep;
    }

    /// <summary>Deletes what is no longer in use.</summary>
    /// <param name="history">The history, read after the last change this runner made.</param>
    /// <param name="done">Whether every member has finished.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask CollectAsync(PbtHistory history, bool done, CancellationToken cancellationToken)
    {
        var keep = InUse(history, mode, done);
        foreach (var segment in history.Segments)
        {
            var id = segment.State switch
            {
                TrialState.Complete => segment.Checkpoint,
                TrialState.Fail => CheckpointIds.For(studyName, segment.Member, segment.Generation, segment.TrialNumber),
                _ => null,
            };
            if (id is not null && !keep.Contains(id) && deleted.Add(id))
            {
                await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
