namespace Attune.Samplers.Tpe;

/// <summary>
/// Everything a <see cref="TpeSampler"/> keeps about one study: the incremental trial history, the
/// incremental search-space calculators, and the last below/above split (reused until a trial
/// finishes). Callers hold <see cref="Gate"/> while using it.
/// </summary>
internal sealed class TpeStudyState
{
    private const double Eps = 1e-12;

    private int splitVersion = -1;
    private bool[] inBelow = [];
    private int[] below = [];
    private double[]? belowWeights;
    private IReadOnlyDictionary<string, Distribution>? spaceSource;
    private IReadOnlyDictionary<string, Distribution> space = new Dictionary<string, Distribution>();
    private IReadOnlyList<IReadOnlyDictionary<string, Distribution>>? groupSource;
    private List<KernelDimension[]> groupDimensions = [];

    public TpeStudyState(Study study, bool constraintsEnabled)
    {
        History = new TrialHistory(study.Directions, constraintsEnabled);
    }

    public Lock Gate { get; } = new();

    /// <summary>The trial the history was last refreshed for: a trial's later samples reuse that view of the study.</summary>
    public int RefreshedFor { get; set; } = -1;

    /// <summary>Default mixture weights of the last observation count.</summary>
    public WeightTable Weights { get; } = new();

    /// <summary>Usable trials outside the good set, by number, for the last split.</summary>
    public int[] Above { get; private set; } = [];

    public TrialHistory History { get; }

    public IntersectionSearchSpace Intersection { get; } = new(includePruned: true);

    public GroupDecomposedSearchSpace Groups { get; } = new(includePruned: true);

    /// <summary>The good trials of the last split, by number.</summary>
    public ReadOnlySpan<int> Below => below;

    /// <summary>MOTPE weights of <see cref="Below"/> (several objectives), aligned with it; otherwise null.</summary>
    public double[]? BelowWeights => belowWeights;

    /// <summary>Whether a trial is in the good set of the last split.</summary>
    public bool IsBelow(int trialNumber) => trialNumber < inBelow.Length && inBelow[trialNumber];

    /// <summary>The non-single parameters of <paramref name="source"/>, cached while the source is the same object.</summary>
    public IReadOnlyDictionary<string, Distribution> Relevant(IReadOnlyDictionary<string, Distribution> source)
    {
        if (!ReferenceEquals(source, spaceSource))
        {
            var filtered = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
            foreach (var (name, distribution) in source)
            {
                if (!distribution.IsSingle)
                {
                    filtered[name] = distribution;
                }
            }

            spaceSource = source;
            space = filtered;
        }

        return space;
    }

    /// <summary>The groups of <paramref name="source"/> as kernel dimensions (non-single parameters), cached while the source is the same object.</summary>
    public List<KernelDimension[]> GroupDimensions(IReadOnlyList<IReadOnlyDictionary<string, Distribution>> source)
    {
        if (!ReferenceEquals(source, groupSource))
        {
            var result = new List<KernelDimension[]>(source.Count);
            foreach (var group in source)
            {
                var dims = new List<KernelDimension>(group.Count);
                foreach (var (name, distribution) in group)
                {
                    if (!distribution.IsSingle)
                    {
                        dims.Add(KernelDimension.Create(name, distribution));
                    }
                }

                if (dims.Count > 0)
                {
                    result.Add([.. dims]);
                }
            }

            groupSource = source;
            groupDimensions = result;
        }

        return groupDimensions;
    }

    /// <summary>
    /// Splits the usable trials into good (below) and the rest, as Optuna's TPE: feasible complete
    /// trials first (by value, or by non-domination rank with a hypervolume tie-break), then feasible
    /// pruned trials (furthest, then best), then infeasible ones (least violating); recomputed only
    /// when a trial finished since the last call.
    /// </summary>
    public void UpdateSplit(Func<int, int> gamma)
    {
        var history = History;
        if (splitVersion == history.Version)
        {
            return;
        }

        foreach (var t in below)
        {
            inBelow[t] = false;
        }

        var n = history.UsableCount;
        var wanted = gamma(n);
        if (wanted < 0)
        {
            throw new InvalidOperationException($"The TPE gamma function returned {wanted} for {n} trials; it must return a count >= 0.");
        }

        var chosen = new List<int>(Math.Min(wanted, n));
        if (history.Pareto is { } pareto)
        {
            var (whole, boundary) = pareto.Best(wanted);
            chosen.AddRange(whole);
            var rest = Math.Min(wanted, pareto.Count) - whole.Count;
            if (rest > 0)
            {
                var points = new List<double[]>(boundary.Count);
                foreach (var t in boundary)
                {
                    points.Add(pareto.Loss(t));
                }

                foreach (var i in HypervolumeSelection.SelectSubset(points, rest, HypervolumeSelection.ReferencePoint(points)))
                {
                    chosen.Add(boundary[i]);
                }
            }
        }
        else
        {
            Take(history.Complete.Numbers, wanted, chosen);
        }

        Take(history.Pruned.Numbers, wanted, chosen);
        Take(history.Infeasible.Numbers, wanted, chosen);
        chosen.Sort();
        below = [.. chosen];
        if (inBelow.Length < history.TrialCount)
        {
            Array.Resize(ref inBelow, Math.Max(history.TrialCount, inBelow.Length * 2));
        }

        foreach (var t in below)
        {
            inBelow[t] = true;
        }

        belowWeights = history.Pareto is null ? null : MultiObjectiveWeights(history);
        var above = new int[history.UsableCount - below.Length];
        var at = 0;
        foreach (var t in history.UsableNumbers)
        {
            if (!inBelow[t])
            {
                above[at++] = t;
            }
        }

        Above = above;
        splitVersion = history.Version;
    }

    private static void Take(ReadOnlySpan<int> ranked, int wanted, List<int> chosen)
    {
        var take = Math.Min(ranked.Length, wanted - chosen.Count);
        for (var i = 0; i < take; i++)
        {
            chosen.Add(ranked[i]);
        }
    }

    /// <summary>MOTPE weights of the good trials: hypervolume contributions of the feasible complete ones, 1e-12 for the rest.</summary>
    private double[] MultiObjectiveWeights(TrialHistory history)
    {
        var pareto = history.Pareto!;
        var weights = new double[below.Length];
        var points = new List<double[]>(below.Length);
        var positions = new List<int>(below.Length);
        for (var i = 0; i < below.Length; i++)
        {
            weights[i] = Eps;
            if (pareto.Contains(below[i]))
            {
                points.Add(pareto.Loss(below[i]));
                positions.Add(i);
            }
        }

        var contributions = HypervolumeSelection.Weights(points);
        for (var i = 0; i < positions.Count; i++)
        {
            weights[positions[i]] = contributions[i];
        }

        return weights;
    }
}
