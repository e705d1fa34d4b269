namespace Attune.Samplers;

/// <summary>
/// The search space of a <see cref="RandomForestSampler"/>: every parameter of the complete trials whose
/// distribution never changed, as coordinates the forest splits on. Numerical parameters map to [0, 1]
/// by <see cref="UnitInterval"/>, a categorical choice k of K to (k + 0.5)/K, and a trial that lacks a
/// parameter to <see cref="Missing"/>.
/// </summary>
/// <remarks>
/// Conditional parameters: a parameter that some trials lack is given a parent when the trials show
/// one: a categorical parameter such that, for each of its observed choices, the parameter is either
/// always present or always absent (and absent whenever the parent is). A candidate point then lacks
/// the parameter exactly when its parent's choice says so, which is how the forest predicts it.
/// </remarks>
internal sealed class ForestSearchSpace
{
    /// <summary>The coordinate of an absent parameter (below every real coordinate).</summary>
    public const double Missing = -1;

    private readonly Distribution[] distributions;
    private readonly int[] parent;
    private readonly bool[][] activeUnder;
    private readonly int[] evaluationOrder;

    private ForestSearchSpace(string[] names, Distribution[] distributions, int[] parent, bool[][] activeUnder)
    {
        Names = names;
        this.distributions = distributions;
        this.parent = parent;
        this.activeUnder = activeUnder;

        // Parents before children, so one pass settles activity.
        var depth = new int[names.Length];
        for (var j = 0; j < names.Length; j++)
        {
            for (var p = parent[j]; p >= 0 && depth[j] <= names.Length; p = parent[p])
            {
                depth[j]++;
            }
        }

        evaluationOrder = [.. Enumerable.Range(0, names.Length).OrderBy(j => depth[j])];
    }

    /// <summary>The parameter names, in ordinal order.</summary>
    public string[] Names { get; }

    /// <summary>The number of parameters.</summary>
    public int Count => Names.Length;

    /// <summary>The union of the parameters of the complete trials, leaving out those whose distribution changed and single values.</summary>
    public static SortedDictionary<string, Distribution> Infer(IReadOnlyList<TrialRecord> trials)
    {
        var space = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trial in trials)
        {
            if (trial.State != TrialState.Complete)
            {
                continue;
            }

            foreach (var (name, distribution) in trial.Distributions)
            {
                if (space.TryGetValue(name, out var known))
                {
                    if (!known.Equals(distribution))
                    {
                        changed.Add(name);
                    }
                }
                else
                {
                    space[name] = distribution;
                }
            }
        }

        foreach (var name in space.Where(p => p.Value.IsSingle || changed.Contains(p.Key)).Select(p => p.Key).ToList())
        {
            space.Remove(name);
        }

        return space;
    }

    /// <summary>Builds the encoding of <paramref name="space"/>, with parents inferred from <paramref name="trials"/>.</summary>
    public static ForestSearchSpace Create(IReadOnlyDictionary<string, Distribution> space, IReadOnlyList<TrialRecord> trials)
    {
        var names = space.Keys.Order(StringComparer.Ordinal).ToArray();
        var distributions = names.Select(n => space[n]).ToArray();
        var presence = new bool[names.Length][];
        var choice = new int[names.Length][];
        for (var j = 0; j < names.Length; j++)
        {
            presence[j] = new bool[trials.Count];
            choice[j] = new int[trials.Count];
            for (var i = 0; i < trials.Count; i++)
            {
                presence[j][i] = trials[i].InternalParams.TryGetValue(names[j], out var v);
                choice[j][i] = presence[j][i] && distributions[j] is CategoricalDistribution ? (int)v : -1;
            }
        }

        var counts = presence.Select(p => p.Count(b => b)).ToArray();
        var parent = new int[names.Length];
        var activeUnder = new bool[names.Length][];
        for (var j = 0; j < names.Length; j++)
        {
            parent[j] = -1;
            activeUnder[j] = [];
            if (counts[j] == trials.Count)
            {
                continue;
            }

            // Candidate parents: categorical, present more often (or as often and earlier), so no cycles.
            foreach (var c in Enumerable.Range(0, names.Length).OrderByDescending(c => counts[c]).ThenBy(c => c))
            {
                if (c == j || distributions[c] is not CategoricalDistribution categorical
                    || counts[c] < counts[j] || (counts[c] == counts[j] && c > j))
                {
                    continue;
                }

                if (Decides(presence[j], presence[c], choice[c], categorical.Choices.Count) is { } active)
                {
                    parent[j] = c;
                    activeUnder[j] = active;
                    break;
                }
            }
        }

        return new ForestSearchSpace(names, distributions, parent, activeUnder);
    }

    /// <summary>The distribution of parameter <paramref name="j"/>.</summary>
    public Distribution Distribution(int j) => distributions[j];

    /// <summary>The coordinates of a trial (<see cref="Missing"/> where it lacks a parameter).</summary>
    public void Encode(TrialRecord trial, Span<double> x)
    {
        for (var j = 0; j < Names.Length; j++)
        {
            x[j] = trial.InternalParams.TryGetValue(Names[j], out var v) ? ToCoordinate(j, v) : Missing;
        }
    }

    /// <summary>The coordinate of an internal value of parameter <paramref name="j"/>.</summary>
    public double ToCoordinate(int j, double value) => distributions[j] is CategoricalDistribution c
        ? (value + 0.5) / c.Choices.Count
        : UnitInterval.ToUnit(value, distributions[j]);

    /// <summary>The internal value of a coordinate of parameter <paramref name="j"/> (clamped into the distribution).</summary>
    public double ToValue(int j, double coordinate) => UnitInterval.FromUnit(coordinate, distributions[j]);

    /// <summary>A coordinate moved onto the nearest value parameter <paramref name="j"/> can take.</summary>
    public double Snap(int j, double coordinate) => ToCoordinate(j, ToValue(j, coordinate));

    /// <summary>The number of choices of a categorical parameter; 0 otherwise.</summary>
    public int Choices(int j) => distributions[j] is CategoricalDistribution c ? c.Choices.Count : 0;

    /// <summary>
    /// Copies a full point (a coordinate for every parameter) into <paramref name="features"/>, with
    /// <see cref="Missing"/> for each parameter its parent's choice leaves out.
    /// </summary>
    public void Activate(ReadOnlySpan<double> point, Span<double> features)
    {
        point.CopyTo(features);
        foreach (var j in evaluationOrder)
        {
            if (!IsActive(j, features))
            {
                features[j] = Missing;
            }
        }
    }

    /// <summary>Whether parameter <paramref name="j"/> takes part at a point whose parents are settled.</summary>
    public bool IsActive(int j, ReadOnlySpan<double> features)
    {
        var p = parent[j];
        if (p < 0)
        {
            return true;
        }

        var coordinate = features[p];
        if (coordinate == Missing)
        {
            return false;
        }

        var k = (int)UnitInterval.FromUnit(coordinate, distributions[p]);
        return k >= activeUnder[j].Length || activeUnder[j][k];
    }

    // For each choice of the candidate parent: whether the child is present (true), absent (false); null when the
    // child's presence is not a function of the parent's choice. Choices never seen count as present.
    private static bool[]? Decides(bool[] child, bool[] parentPresent, int[] parentChoice, int choices)
    {
        var state = new int[choices]; // 0 unseen, 1 present, 2 absent
        for (var i = 0; i < child.Length; i++)
        {
            if (!parentPresent[i])
            {
                if (child[i])
                {
                    return null;
                }

                continue;
            }

            var s = child[i] ? 1 : 2;
            ref var seen = ref state[parentChoice[i]];
            if (seen != 0 && seen != s)
            {
                return null;
            }

            seen = s;
        }

        return [.. state.Select(s => s != 2)];
    }
}
