namespace Attune.Samplers;

/// <summary>
/// Splits a study's parameters into disjoint groups that always appear together: the coarsest
/// partition such that every finished trial's parameter set is a union of whole groups. In a
/// conditional (tree-structured) space each branch's parameters form their own groups, so a sampler
/// can model each group jointly over the trials that have it. Incremental: a call looks only at trials
/// that are new or were running at the last call. The partition does not depend on the order in which
/// trials finished (each parameter keeps the distribution of the lowest-numbered trial that has it).
/// Thread-safe; one instance per study.
/// </summary>
public sealed class GroupDecomposedSearchSpace
{
    private readonly bool includePruned;
    private readonly Lock gate = new();
    private readonly FinishedTrialCursor cursor = new();
    private readonly Func<TrialRecord, bool> add;
    private readonly Dictionary<string, (Distribution Distribution, int Trial)> distributions = new(StringComparer.Ordinal);
    private List<HashSet<string>> groups = [];
    private Study? owner;
    private IReadOnlyList<IReadOnlyDictionary<string, Distribution>> snapshot = [];

    /// <summary>Creates the calculator.</summary>
    /// <param name="includePruned">Whether pruned trials count (besides complete ones). Default <see langword="false"/>.</param>
    public GroupDecomposedSearchSpace(bool includePruned = false)
    {
        this.includePruned = includePruned;
        add = Add;
    }

    /// <summary>The groups over the study's complete (and, if chosen, pruned) trials.</summary>
    /// <param name="study">The study; the same one on every call.</param>
    /// <returns>The groups, each with its parameters in ordinal order; groups ordered by their first parameter name.</returns>
    /// <exception cref="ArgumentException">A different study than on the first call.</exception>
    public IReadOnlyList<IReadOnlyDictionary<string, Distribution>> Calculate(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        lock (gate)
        {
            // Read inside the lock: snapshots then reach the calculator in time order.
            return Calculate(study, study.Trials);
        }
    }

    /// <summary>The groups over the given snapshot of the study's trials; the caller serialises calls so snapshots arrive in time order.</summary>
    internal IReadOnlyList<IReadOnlyDictionary<string, Distribution>> Calculate(Study study, IReadOnlyList<TrialRecord> trials)
    {
        lock (gate)
        {
            owner ??= study;
            if (!ReferenceEquals(owner, study))
            {
                throw new ArgumentException("A GroupDecomposedSearchSpace serves one study; create one per study.", nameof(study));
            }

            var changed = cursor.Advance(trials, add);

            if (changed)
            {
                snapshot = BuildSnapshot();
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

        var changed = false;
        foreach (var (name, distribution) in trial.Distributions)
        {
            if (!distributions.TryGetValue(name, out var known) || trial.Number < known.Trial)
            {
                distributions[name] = (distribution, trial.Number);
                changed = true;
            }
        }

        // Refine every group by the trial's parameter set, then add its unseen parameters as a new group.
        var names = new HashSet<string>(trial.Distributions.Keys, StringComparer.Ordinal);
        var next = new List<HashSet<string>>(groups.Count + 1);
        foreach (var group in groups)
        {
            var inside = new HashSet<string>(StringComparer.Ordinal);
            var outside = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in group)
            {
                (names.Contains(name) ? inside : outside).Add(name);
            }

            names.ExceptWith(group);
            if (inside.Count > 0)
            {
                next.Add(inside);
            }

            if (outside.Count > 0)
            {
                next.Add(outside);
            }

            changed |= inside.Count > 0 && outside.Count > 0;
        }

        if (names.Count > 0)
        {
            next.Add(names);
            changed = true;
        }

        groups = next;
        return changed;
    }

    private List<IReadOnlyDictionary<string, Distribution>> BuildSnapshot()
    {
        var result = new List<IReadOnlyDictionary<string, Distribution>>(groups.Count);
        foreach (var group in groups)
        {
            var space = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
            foreach (var name in group)
            {
                space[name] = distributions[name].Distribution;
            }

            result.Add(space);
        }

        result.Sort((x, y) => string.CompareOrdinal(x.Keys.First(), y.Keys.First()));
        return result;
    }
}
