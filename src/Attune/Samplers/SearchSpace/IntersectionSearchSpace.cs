namespace Attune.Samplers;

/// <summary>
/// The parameters that every finished trial of a study has, with the same distribution: the space a
/// sampler can model jointly. A parameter whose distribution changed between trials (a dynamic range)
/// is left out. Incremental: a call looks only at trials that are new or were running at the last
/// call, so its cost does not grow with the size of the study. Thread-safe; one instance per study.
/// </summary>
public sealed class IntersectionSearchSpace
{
    private static readonly IReadOnlyDictionary<string, Distribution> Empty = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);

    private readonly bool includePruned;
    private readonly Lock gate = new();
    private readonly FinishedTrialCursor cursor = new();
    private readonly Func<TrialRecord, bool> add;
    private Study? owner;
    private Dictionary<string, Distribution>? space;
    private IReadOnlyDictionary<string, Distribution> snapshot = Empty;

    /// <summary>Creates the calculator.</summary>
    /// <param name="includePruned">Whether pruned trials count (besides complete ones). Default <see langword="false"/>.</param>
    public IntersectionSearchSpace(bool includePruned = false)
    {
        this.includePruned = includePruned;
        add = Add;
    }

    /// <summary>The intersection over the study's complete (and, if chosen, pruned) trials.</summary>
    /// <param name="study">The study; the same one on every call.</param>
    /// <returns>Parameter names (in ordinal order) and their distributions; empty before the first finished trial.</returns>
    /// <exception cref="ArgumentException">A different study than on the first call.</exception>
    public IReadOnlyDictionary<string, Distribution> Calculate(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        lock (gate)
        {
            // Read inside the lock: snapshots then reach the calculator in time order.
            return Calculate(study, study.Trials);
        }
    }

    /// <summary>The intersection over the given snapshot of the study's trials; the caller serialises calls so snapshots arrive in time order.</summary>
    internal IReadOnlyDictionary<string, Distribution> Calculate(Study study, IReadOnlyList<TrialRecord> trials)
    {
        lock (gate)
        {
            owner ??= study;
            if (!ReferenceEquals(owner, study))
            {
                throw new ArgumentException("An IntersectionSearchSpace serves one study; create one per study.", nameof(study));
            }

            var changed = cursor.Advance(trials, add);

            if (changed)
            {
                snapshot = space is null
                    ? Empty
                    : new SortedDictionary<string, Distribution>(space, StringComparer.Ordinal);
            }

            return snapshot;
        }
    }

    private bool Add(TrialRecord trial)
    {
        if (trial.State != TrialState.Complete && !(includePruned && trial.State == TrialState.Pruned))
        {
            return false;
        }

        if (space is null)
        {
            space = new Dictionary<string, Distribution>(trial.Distributions, StringComparer.Ordinal);
            return true;
        }

        List<string>? removed = null;
        foreach (var (name, distribution) in space)
        {
            if (!trial.Distributions.TryGetValue(name, out var other) || !other.Equals(distribution))
            {
                (removed ??= []).Add(name);
            }
        }

        if (removed is null)
        {
            return false;
        }

        foreach (var name in removed)
        {
            space.Remove(name);
        }

        return true;
    }
}
