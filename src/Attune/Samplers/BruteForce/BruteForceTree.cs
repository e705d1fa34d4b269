using System.Globalization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>One step of a path in the search tree: the parameter suggested at a node and the number of its value.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Key">The number of the value (see <see cref="FiniteCandidates"/>).</param>
internal readonly record struct BruteForceStep(string Name, long Key);

/// <summary>
/// A node of the search tree: the state reached by a sequence of parameter values. It is expanded once a
/// trial suggested a parameter there; its children are then the values of that parameter, most of them
/// implicit (no trial went there yet, no node object).
/// </summary>
internal sealed class BruteForceNode(BruteForceNode? parent, long key)
{
    private Dictionary<long, BruteForceNode>? children;

    public BruteForceNode? Parent { get; } = parent;

    /// <summary>The number of this node's value in its parent's parameter.</summary>
    public long Key { get; } = key;

    /// <summary>The parameter suggested here, or <see langword="null"/> while unexpanded.</summary>
    public string? Param { get; private set; }

    public Distribution? Distribution { get; private set; }

    public long CandidateCount { get; private set; }

    public bool IsExpanded => Param is not null;

    public int ExplicitChildCount => children?.Count ?? 0;

    public IEnumerable<BruteForceNode> Children => children?.Values ?? Enumerable.Empty<BruteForceNode>();

    /// <summary>A finished trial's parameters end here.</summary>
    public bool Finished { get; set; }

    /// <summary>How many running trials' parameters end here.</summary>
    public int Running { get; set; }

    /// <summary>Running trials that claimed this node as their target: number, and whether the claim is won.</summary>
    public List<(int Number, bool Won)>? Claims { get; set; }

    /// <summary>The asking trial gave this node up.</summary>
    public bool DeferredByMe { get; set; }

    /// <summary>Nobody is here or heading here: an asking trial may claim it.</summary>
    public bool IsFree => !IsExpanded && !Finished && Running == 0 && (Claims is null || Claims.Count == 0) && !DeferredByMe;

    public void Expand(string name, Distribution distribution, long count, TrialRecord trial)
    {
        if (Param is null)
        {
            Param = name;
            Distribution = distribution;
            CandidateCount = count;
            return;
        }

        if (!string.Equals(Param, name, StringComparison.Ordinal) || !Distribution!.Equals(distribution))
        {
            throw new InvalidOperationException(
                $"BruteForceSampler: the search space is not consistent. After {DescribePath()}, trial {trial.Number} suggested '{name}' as {distribution}, " +
                $"but an earlier trial suggested '{Param}' as {Distribution} there. The parameters a trial suggests, and their ranges, must depend only " +
                "on the values of the parameters suggested before them.");
        }
    }

    public BruteForceNode Child(long childKey)
    {
        children ??= [];
        if (!children.TryGetValue(childKey, out var child))
        {
            child = new BruteForceNode(this, childKey);
            children[childKey] = child;
        }

        return child;
    }

    /// <summary>Whether every leaf below is finished (an unexpanded node counts as a leaf once a finished trial ends there).</summary>
    public bool IsExplored()
    {
        if (!IsExpanded)
        {
            return Finished;
        }

        if (CandidateCount > ExplicitChildCount)
        {
            return false;
        }

        foreach (var child in Children)
        {
            if (!child.IsExplored())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The steps from the root to this node.</summary>
    public List<BruteForceStep> Path()
    {
        var steps = new List<BruteForceStep>();
        for (var node = this; node.Parent is { } p; node = p)
        {
            steps.Add(new BruteForceStep(p.Param!, node.Key));
        }

        steps.Reverse();
        return steps;
    }

    public string DescribePath()
    {
        var parts = new List<string>();
        for (var node = this; node.Parent is { } p; node = p)
        {
            var external = p.Distribution!.ToExternal(FiniteCandidates.ValueOf(p.Distribution!, node.Key));
            parts.Add($"{p.Param} = {Convert.ToString(external, CultureInfo.InvariantCulture) ?? "null"}");
        }

        parts.Reverse();
        return parts.Count == 0 ? "no parameters" : string.Join(", ", parts);
    }

    /// <summary>The number of the <paramref name="index"/>-th value of this node that has no node object yet.</summary>
    public long ImplicitKey(long index)
    {
        if (children is null)
        {
            return index;
        }

        var keys = children.Keys.ToArray();
        Array.Sort(keys);
        foreach (var k in keys)
        {
            if (k <= index)
            {
                index++;
            }
            else
            {
                break;
            }
        }

        return index;
    }
}

/// <summary>The search tree as the trials of a study (other than the asking one) have explored it.</summary>
internal sealed class BruteForceTree
{
    private BruteForceTree()
    {
    }

    public BruteForceNode Root { get; } = new(null, -1);

    /// <summary>Numbers of the running trials that are inside the tree or hold a claim.</summary>
    public SortedSet<int> RunningTrials { get; } = [];

    public bool HasWaiting { get; private set; }

    /// <summary>Builds the tree from <paramref name="trials"/>.</summary>
    /// <param name="trials">The study's trials.</param>
    /// <param name="excludeNumber">A trial to leave out (the asking one), or -1.</param>
    /// <param name="finishingNumber">A running trial to count as finished (the one in AfterTrial), or -1.</param>
    /// <param name="finishingState">The final state of that trial.</param>
    /// <param name="readClaim">Reads a trial's claim: its path and whether it is won, or <see langword="null"/>.</param>
    public static BruteForceTree Build(
        IReadOnlyList<TrialRecord> trials,
        int excludeNumber,
        int finishingNumber,
        TrialState finishingState,
        Func<TrialRecord, (List<BruteForceStep> Path, bool Won)?> readClaim)
    {
        var tree = new BruteForceTree();
        foreach (var t in trials)
        {
            if (t.State == TrialState.Waiting)
            {
                tree.HasWaiting = true;
                continue;
            }

            if (t.Number == excludeNumber)
            {
                continue;
            }

            var state = t.Number == finishingNumber ? finishingState : t.State;
            var finished = state.IsFinished();
            var node = tree.Root;
            var onTree = true;
            foreach (var (name, distribution) in t.Distributions)
            {
                if (!FiniteCandidates.TryCount(distribution, out var count)
                    || !t.InternalParams.TryGetValue(name, out var value))
                {
                    onTree = false;
                    break;
                }

                node.Expand(name, distribution, count, t);
                var key = FiniteCandidates.KeyOf(distribution, value);
                if (key < 0)
                {
                    onTree = false;
                    break;
                }

                node = node.Child(key);
            }

            // A trial without parameters stands nowhere yet (it is about to claim, or failed before
            // choosing anything); only a complete one ends at the root (an objective without parameters).
            if (!onTree || (t.Distributions.Count == 0 && state != TrialState.Complete))
            {
                continue;
            }

            if (finished)
            {
                node.Finished = true;
            }
            else
            {
                node.Running++;
                tree.RunningTrials.Add(t.Number);
            }
        }

        // Claims second, so that their paths resolve through every expansion.
        foreach (var t in trials)
        {
            if (t.State != TrialState.Running || t.Number == excludeNumber || t.Number == finishingNumber || readClaim(t) is not { } claim)
            {
                continue;
            }

            if (tree.Resolve(claim.Path) is { } target)
            {
                (target.Claims ??= []).Add((t.Number, claim.Won));
                tree.RunningTrials.Add(t.Number);
            }
        }

        return tree;
    }

    /// <summary>The node at the end of <paramref name="path"/>, or <see langword="null"/> when the path leaves the tree.</summary>
    public BruteForceNode? Resolve(IReadOnlyList<BruteForceStep> path)
    {
        var node = Root;
        foreach (var step in path)
        {
            if (!string.Equals(node.Param, step.Name, StringComparison.Ordinal) || step.Key < 0 || step.Key >= node.CandidateCount)
            {
                return null;
            }

            node = node.Child(step.Key);
        }

        return node;
    }

    /// <summary>Draws a free node uniformly among all free nodes (explicit ones and values no trial has reached), or <see langword="null"/>.</summary>
    public BruteForceNode? PickFree(SeededRandom rng)
    {
        var frontiers = new List<BruteForceNode>();
        var hosts = new List<(BruteForceNode Node, long Implicit)>();
        long total = 0;
        var stack = new Stack<BruteForceNode>();
        stack.Push(Root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!node.IsExpanded)
            {
                if (node.IsFree)
                {
                    frontiers.Add(node);
                    total++;
                }

                continue;
            }

            var implicitCount = node.CandidateCount - node.ExplicitChildCount;
            if (implicitCount > 0)
            {
                hosts.Add((node, implicitCount));
                total += implicitCount;
            }

            foreach (var child in node.Children)
            {
                stack.Push(child);
            }
        }

        if (total == 0)
        {
            return null;
        }

        // Nodes were visited in an order that depends on dictionary layout; sort for a reproducible draw.
        frontiers.Sort(ComparePaths);
        hosts.Sort((a, b) => ComparePaths(a.Node, b.Node));
        var r = rng.NextInt64(total);
        if (r < frontiers.Count)
        {
            return frontiers[(int)r];
        }

        r -= frontiers.Count;
        foreach (var (node, implicitCount) in hosts)
        {
            if (r < implicitCount)
            {
                return node.Child(node.ImplicitKey(r));
            }

            r -= implicitCount;
        }

        return null;
    }

    private static int ComparePaths(BruteForceNode a, BruteForceNode b)
    {
        var pa = a.Path();
        var pb = b.Path();
        for (var i = 0; i < Math.Min(pa.Count, pb.Count); i++)
        {
            var byKey = pa[i].Key.CompareTo(pb[i].Key);
            if (byKey != 0)
            {
                return byKey;
            }
        }

        return pa.Count.CompareTo(pb.Count);
    }
}
