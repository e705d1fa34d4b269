namespace Attune;

public sealed partial class Study
{
    /// <summary>
    /// The complete trials of the studies in <see cref="StudyOptions.WarmStartFrom"/>, read when this study was
    /// created, numbered 0, 1, … in source order, with values signed so that better means better in this study's
    /// direction. They are not stored in this study; samplers that support warm starting (TPE, GP, CMA-ES) read them
    /// as prior knowledge. Empty without warm starting, and for a study opened with <see cref="Load(string, string, Samplers.Sampler?, Pruners.Pruner?)"/>.
    /// </summary>
    public IReadOnlyList<TrialRecord> WarmStartTrials { get; private init; } = [];

    /// <summary>
    /// Enqueues the parameters of the <paramref name="count"/> best complete trials of <paramref name="source"/> (in its
    /// direction), best first, skipping configurations this study already has; e.g. to start a study from the best
    /// settings of a related one.
    /// </summary>
    /// <param name="source">A single-objective study.</param>
    /// <param name="count">How many configurations; at least 1.</param>
    /// <returns>How many trials were enqueued.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="source"/> has several objectives.</exception>
    public int EnqueueBestOf(Study source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        return EnqueueBest(source.GetTrials(TrialState.Complete), source.Direction, count);
    }

    /// <summary>
    /// Enqueues the parameters of the <paramref name="count"/> best of <paramref name="trials"/> (e.g.
    /// <see cref="WarmStartTrials"/>), whose values are compared in this study's direction, best first, skipping
    /// configurations this study already has.
    /// </summary>
    /// <param name="trials">Trials; complete ones with one value count.</param>
    /// <param name="count">How many configurations; at least 1.</param>
    /// <returns>How many trials were enqueued.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trials"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">This study has several objectives.</exception>
    public int EnqueueBestOf(IReadOnlyList<TrialRecord> trials, int count)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return EnqueueBest(trials, Direction, count);
    }

    private int EnqueueBest(IReadOnlyList<TrialRecord> trials, StudyDirection direction, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var sign = direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var best = trials
            .Where(t => t.State == TrialState.Complete && t.Values is { Count: 1 } v && double.IsFinite(v[0]))
            .OrderBy(t => sign * t.Values![0])
            .ThenBy(t => t.Number)
            .Take(count);
        var enqueued = 0;
        foreach (var trial in best)
        {
            if (EnqueueTrial(trial.Params, skipIfExists: true))
            {
                enqueued++;
            }
        }

        return enqueued;
    }

    private static List<TrialRecord> ReadWarmStart(IReadOnlyList<WarmStartSource>? sources, IReadOnlyList<StudyDirection> directions)
    {
        var trials = new List<TrialRecord>();
        if (sources is null || sources.Count == 0)
        {
            return trials;
        }

        if (directions.Count != 1)
        {
            throw new ArgumentException($"WarmStartFrom needs a single-objective study; this one has {directions.Count} objectives.", nameof(sources));
        }

        foreach (var source in sources)
        {
            if (source is null)
            {
                throw new ArgumentException("WarmStartFrom holds a null source.", nameof(sources));
            }

            foreach (var trial in source.Read(directions[0]))
            {
                trials.Add(trial with { Number = trials.Count });
            }
        }

        return trials;
    }
}
