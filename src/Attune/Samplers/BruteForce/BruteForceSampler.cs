using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Exhaustive search of a finite search space, also a conditional one (parameters suggested only for some
/// values of others), without knowing the space in advance. Like Optuna's <c>BruteForceSampler</c>, it
/// builds the tree of parameter values that earlier trials (running, complete, pruned and failed) went
/// through and sends each new trial down a branch no trial has taken; the study stops once every leaf
/// has been run. Every parameter must have finitely many values: categorical, int, or float with a step
/// (or a single value).
/// </summary>
/// <remarks>
/// <para>
/// <b>What is guaranteed.</b> A trial claims an unexplored branch (a node of the tree that no trial has
/// reached) before it starts, with the same write-then-read claim protocol as <see cref="GridSampler"/>,
/// and then walks to it; below that node it is alone, since no other trial can enter a node it occupies.
/// So with any number of workers, threads, Study objects or processes, no two claiming trials end with
/// the same parameters, as long as the objective is deterministic in structure (which parameters it
/// suggests, with which ranges, depends only on the values suggested before) — an objective that breaks
/// this gets a clear <see cref="InvalidOperationException"/>. With one worker the whole tree is run,
/// each leaf once, and the study then stops by itself.
/// </para>
/// <para>
/// With several workers a new trial may find every unexplored branch held by running trials, e.g. while
/// the first trial has not suggested its first parameter yet. It waits up to
/// <see cref="BruteForceSamplerOptions.WaitTimeout"/> for a running trial to open a new branch (which it
/// does by suggesting its next parameter). When none opens, it stops the study and throws
/// <see cref="SearchSpaceExhaustedException"/>: usually correct (the running trials are evaluating the
/// last leaves), but if a running trial spends longer than the timeout between two suggestions, the
/// branches it opens afterwards are left for a later run of the study (nothing is lost: the next
/// <see cref="Study.Optimize(Func{Trial, double}, OptimizeOptions?)"/> explores them).
/// </para>
/// <para>
/// Failed and pruned trials count as explored at the node where their parameters end, as in Optuna.
/// Trials enqueued with <see cref="Study.EnqueueTrial"/> do not claim: they take their fixed values and an
/// unexplored value (when one is left) for the others, and may repeat a running trial's parameters. The
/// study is not stopped while trials wait in the queue.
/// </para>
/// </remarks>
public sealed class BruteForceSampler : Sampler
{
    /// <summary>The trial system attribute of the claim protocol: <c>{"v": 1, "state": "claimed" | "won" | "released", "path": [[name, index], …]}</c>.</summary>
    public const string ClaimKey = "attune:bruteforce";

    private const string StateClaimed = "claimed";
    private const string StateWon = "won";
    private const string StateReleased = "released";
    private const int RivalWaitMilliseconds = 10_000;
    private const ulong SampleStream = 1UL << 40;

    private readonly ulong seed;
    private readonly long waitMilliseconds;

    /// <summary>Creates a sampler with a seed from the operating system's entropy.</summary>
    public BruteForceSampler()
        : this(new BruteForceSamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="BruteForceSamplerOptions.WaitTimeout"/> is negative.</exception>
    public BruteForceSampler(BruteForceSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.WaitTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException($"WaitTimeout must not be negative, but got {options.WaitTimeout}.", nameof(options));
        }

        seed = options.Seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
        waitMilliseconds = (long)Math.Min(options.WaitTimeout.TotalMilliseconds, long.MaxValue);
    }

    /// <summary>Whether every leaf of the search tree has been run by a finished trial of <paramref name="study"/>.</summary>
    /// <param name="study">The study.</param>
    /// <returns><see langword="true"/> when nothing is left to explore.</returns>
    /// <exception cref="InvalidOperationException">The trials do not form a consistent tree.</exception>
    public static bool IsExhausted(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return BruteForceTree.Build(study.Trials, -1, -1, TrialState.Running, ReadClaim).Root.IsExplored();
    }

    /// <summary>Claims an unexplored branch for the trial, or stops the study and throws when there is none.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    /// <exception cref="SearchSpaceExhaustedException">The tree is explored, or running trials hold the rest and opened nothing within the wait; the study is stopped.</exception>
    /// <exception cref="InvalidOperationException">The trials do not form a consistent tree.</exception>
    public override void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var attrs = trial.SystemAttrs;
        if (attrs.ContainsKey(Trial.FixedParamsKey) || ReadClaim(attrs) is { Won: true })
        {
            return;
        }

        Claim(study, trial);
    }

    /// <summary>Returns the value on the trial's claimed branch, or an unexplored value below it.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="distribution">Its distribution.</param>
    /// <returns>The internal value.</returns>
    /// <exception cref="ArgumentException"><paramref name="distribution"/> is a continuous float range.</exception>
    /// <exception cref="InvalidOperationException">The objective suggests other parameters, or other ranges, than earlier trials with the same preceding values.</exception>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!FiniteCandidates.TryCount(distribution, out var count))
        {
            throw new ArgumentException(
                $"BruteForceSampler needs a finite search space, but parameter '{name}' is {distribution}, a continuous range; " +
                $"give it a step (SuggestFloat(\"{name}\", low, high, step: …)) or use SuggestInt or SuggestCategorical.",
                nameof(distribution));
        }

        var distributions = trial.Distributions;
        var internals = trial.InternalParams;
        var mine = distributions.Keys.ToList();
        var depth = mine.Count;
        var rng = SeededRandom.For(SeededRandom.Derive(seed, (ulong)trial.Number), SampleStream + (ulong)depth);
        if (ReadClaim(trial.SystemAttrs) is { Won: true } claim)
        {
            var path = claim.Path;
            for (var i = 0; i < Math.Min(depth, path.Count); i++)
            {
                if (!string.Equals(mine[i], path[i].Name, StringComparison.Ordinal)
                    || FiniteCandidates.KeyOf(distributions[mine[i]], internals[mine[i]]) != path[i].Key)
                {
                    throw Inconsistent(trial, name, $"its parameter '{mine[i]}' left the branch it claimed (step {i} of {path.Count})");
                }
            }

            if (depth < path.Count)
            {
                if (!string.Equals(path[depth].Name, name, StringComparison.Ordinal))
                {
                    throw Inconsistent(trial, name, $"an earlier trial with the same preceding values suggested '{path[depth].Name}' here");
                }

                if (path[depth].Key >= count)
                {
                    throw Inconsistent(trial, name, $"an earlier trial with the same preceding values suggested it with a wider range than {distribution}");
                }

                return FiniteCandidates.ValueOf(distribution, path[depth].Key);
            }

            // At or below the claimed node: no other trial can be here, every value is unexplored.
            return FiniteCandidates.ValueOf(distribution, rng.NextInt64(count));
        }

        return SampleUnclaimed(study, trial, name, distribution, count, rng);
    }

    /// <summary>Stops the study when the finishing trial completes the exploration of the tree and no trial waits in the queue.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The finishing trial.</param>
    /// <param name="state">Its final state.</param>
    /// <param name="values">Its values, when complete.</param>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var tree = BruteForceTree.Build(study.Trials, -1, trial.Number, state, ReadClaim);
        if (!tree.HasWaiting && tree.Root.IsExplored())
        {
            study.Stop();
        }
    }

    // The claim protocol of GridSampler (see the proof there), on tree nodes instead of grid ids. The
    // unit claimed is a free node: unexpanded (no trial suggested anything there), reached by no
    // trial's parameters, and not the target of a running trial's claim. A node is held by another
    // trial when that trial's parameters reach it (running or finished: the node is then expanded,
    // occupied or finished) or when that trial is running with a claim on it, won or not. A trial
    // keeps its claim only when its read after writing the claim shows no other holder, and a keeper
    // never changes its claim (claimed → won keeps the path), so of two trials the later reader sees
    // the earlier keeper and yields. A trial below its won node is alone there: others see that node
    // as held, and the nodes it creates below by suggesting are occupied by it when they appear. So no
    // two claiming trials run the same leaf.
    private void Claim(Study study, Trial trial)
    {
        var deferred = new List<List<BruteForceStep>>();
        List<BruteForceStep>? claim = null;
        var claimVisible = false;
        ulong attempt = 0;
        var rivalWaits = 0;
        long rivalWaited = 0;
        var idleWaits = 0;
        long idleWaited = 0;
        while (true)
        {
            var tree = BruteForceTree.Build(study.Trials, trial.Number, -1, TrialState.Running, ReadClaim);
            foreach (var path in deferred)
            {
                if (tree.Resolve(path) is { } node)
                {
                    node.DeferredByMe = true;
                }
            }

            if (claim is not null)
            {
                var target = tree.Resolve(claim);
                var taken = target is null || target.IsExpanded || target.Finished || target.Running > 0;
                var rivals = target?.Claims;
                if (!taken && (rivals is null || rivals.Count == 0))
                {
                    trial.SetSystemAttr(ClaimKey, ClaimValue(StateWon, claim));
                    return;
                }

                if (!taken && !rivals!.Exists(r => r.Won || r.Number < trial.Number) && rivalWaited < RivalWaitMilliseconds)
                {
                    // Only higher-numbered, undecided claimants: they yield after one write.
                    rivalWaited += ClaimBackoff.Pause(rivalWaits++);
                    continue;
                }

                deferred.Add(claim);
                if (target is not null)
                {
                    target.DeferredByMe = true;
                }

                claim = null;
            }

            if (tree.Root.IsExplored())
            {
                Release(trial, ref claimVisible);
                study.Stop();
                throw new SearchSpaceExhaustedException(
                    $"BruteForceSampler: every branch of the search space of study '{study.Name}' has been run; the study is stopped.");
            }

            var pick = tree.PickFree(SeededRandom.For(SeededRandom.Derive(seed, (ulong)trial.Number), attempt++));
            if (pick is null)
            {
                Release(trial, ref claimVisible);
                if (idleWaited >= waitMilliseconds)
                {
                    study.Stop();
                    throw new SearchSpaceExhaustedException(
                        $"BruteForceSampler: no unexplored branch is free; running trial(s) {string.Join(", ", tree.RunningTrials)} hold the rest of the search space " +
                        $"and opened no new branch within {TimeSpan.FromMilliseconds(waitMilliseconds)}. The study is stopped; run it again to explore what they leave.");
                }

                idleWaited += ClaimBackoff.Pause(idleWaits++);
                continue;
            }

            claim = pick.Path();
            trial.SetSystemAttr(ClaimKey, ClaimValue(StateClaimed, claim));
            claimVisible = true;
            rivalWaits = 0;
            rivalWaited = 0;
        }
    }

    /// <summary>An enqueued trial's value: an unexplored one at its node when there is one, otherwise any.</summary>
    private static double SampleUnclaimed(Study study, Trial trial, string name, Distribution distribution, long count, SeededRandom rng)
    {
        var tree = BruteForceTree.Build(study.Trials, trial.Number, -1, TrialState.Running, ReadClaim);
        var node = tree.Root;
        var distributions = trial.Distributions;
        var internals = trial.InternalParams;
        foreach (var (param, d) in distributions)
        {
            var key = FiniteCandidates.KeyOf(d, internals[param]);
            if (node is null || !string.Equals(node.Param, param, StringComparison.Ordinal) || key < 0 || key >= node.CandidateCount)
            {
                node = null;
                break;
            }

            node = node.Child(key);
        }

        if (node is not null && node.IsExpanded && string.Equals(node.Param, name, StringComparison.Ordinal) && node.Distribution!.Equals(distribution))
        {
            var open = new List<long>();
            for (long k = 0; k < count && open.Count < 1_000_000; k++)
            {
                var child = node.Child(k);
                if (!child.IsExplored() && (child.IsFree || child.IsExpanded))
                {
                    open.Add(k);
                }
            }

            if (open.Count > 0)
            {
                return FiniteCandidates.ValueOf(distribution, open[rng.NextInt32(open.Count)]);
            }
        }

        return FiniteCandidates.ValueOf(distribution, rng.NextInt64(count));
    }

    private static InvalidOperationException Inconsistent(Trial trial, string name, string what) => new(
        $"BruteForceSampler: trial {trial.Number} suggested '{name}', but {what}. The parameters a trial suggests, and their ranges, " +
        "must depend only on the values of the parameters suggested before them.");

    private static void Release(Trial trial, ref bool claimVisible)
    {
        if (claimVisible)
        {
            trial.SetSystemAttr(ClaimKey, ClaimValue(StateReleased, []));
            claimVisible = false;
        }
    }

    private static Dictionary<string, object?> ClaimValue(string state, List<BruteForceStep> path)
    {
        var steps = new List<object?>(path.Count);
        foreach (var step in path)
        {
            steps.Add(new List<object?> { step.Name, step.Key });
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["v"] = 1L,
            ["state"] = state,
            ["path"] = steps,
        };
    }

    private static (List<BruteForceStep> Path, bool Won)? ReadClaim(TrialRecord trial) => ReadClaim(trial.SystemAttrs);

    private static (List<BruteForceStep> Path, bool Won)? ReadClaim(IReadOnlyDictionary<string, object?> attrs)
    {
        if (!attrs.TryGetValue(ClaimKey, out var raw)
            || raw is not IReadOnlyDictionary<string, object?> claim
            || !claim.TryGetValue("state", out var rawState)
            || rawState is not string state
            || !claim.TryGetValue("path", out var rawPath)
            || rawPath is not IReadOnlyList<object?> steps)
        {
            return null;
        }

        var won = string.Equals(state, StateWon, StringComparison.Ordinal);
        if (!won && !string.Equals(state, StateClaimed, StringComparison.Ordinal))
        {
            return null;
        }

        var path = new List<BruteForceStep>(steps.Count);
        foreach (var step in steps)
        {
            if (step is not IReadOnlyList<object?> { Count: 2 } pair || pair[0] is not string name || pair[1] is not long key)
            {
                return null;
            }

            path.Add(new BruteForceStep(name, key));
        }

        return (path, won);
    }
}
