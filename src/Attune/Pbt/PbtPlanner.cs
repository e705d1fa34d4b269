using Attune.Randomness;

namespace Attune.Pbt;

/// <summary>
/// The decisions of population-based training, made from the study's history alone (so that runners in several
/// processes agree): which member may start its next segment, and with which checkpoint and hyperparameters.
/// Random choices come from streams derived from the seed, the member and the generation.
/// </summary>
internal sealed class PbtPlanner
{
    private const ulong InitialKey = 0x5042545F494E4954UL; // "PBT_INIT"
    private const ulong ExploitKey = 0x5042545F45585054UL; // "PBT_EXPT"
    private readonly PbtSearchSpace space;
    private readonly PbtOptions options;
    private readonly ulong seed;
    private readonly StudyDirection direction;
    private readonly Pb2Explorer? pb2;

    /// <summary>Creates the planner.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="options">The (validated) options.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="direction">Whether larger scores are better.</param>
    public PbtPlanner(PbtSearchSpace space, PbtOptions options, ulong seed, StudyDirection direction)
    {
        this.space = space;
        this.options = options;
        this.seed = seed;
        this.direction = direction;
        pb2 = options.Explore == PbtExplore.Pb2 ? new Pb2Explorer(space, options.StepsPerMember, direction) : null;
    }

    /// <summary>Whether every member has completed its last segment.</summary>
    /// <param name="history">The history.</param>
    /// <returns><see langword="true"/> when the run is over.</returns>
    public bool IsDone(PbtHistory history) =>
        history.Members.Count >= options.PopulationSize
        && history.Members.Take(options.PopulationSize).All(m => m.CompletedGenerations >= options.SegmentCount);

    /// <summary>
    /// The member that may start its next segment now: one whose previous segment is complete and whose next is not
    /// being trained (and, in synchronous mode, that is not ahead of the slowest member); the one furthest behind first.
    /// </summary>
    /// <param name="history">The history.</param>
    /// <returns>The member, or <see langword="null"/> when none may start.</returns>
    public int? NextReady(PbtHistory history)
    {
        var completed = new int[options.PopulationSize];
        var busy = new bool[options.PopulationSize];
        for (var m = 0; m < options.PopulationSize; m++)
        {
            if (m < history.Members.Count)
            {
                var member = history.Members[m];
                completed[m] = member.CompletedGenerations;
                busy[m] = member.Segments.Any(s => s.Generation == completed[m]);
            }
        }

        var slowest = completed.Min();
        int? best = null;
        for (var m = 0; m < options.PopulationSize; m++)
        {
            if (busy[m] || completed[m] >= options.SegmentCount || (options.Mode == PbtMode.Synchronous && completed[m] > slowest))
            {
                continue;
            }

            if (best is null || completed[m] < completed[best.Value])
            {
                best = m;
            }
        }

        return best;
    }

    /// <summary>Plans a member's next segment: exploit and explore when it ranks in the bottom quantile, otherwise continue.</summary>
    /// <param name="history">The history.</param>
    /// <param name="member">The member, as returned by <see cref="NextReady"/>.</param>
    /// <returns>The segment to create (trial number not yet known, no checkpoint written).</returns>
    public PbtSegment Plan(PbtHistory history, int member)
    {
        var generation = member < history.Members.Count ? history.Members[member].CompletedGenerations : 0;
        var start = (long)generation * options.PerturbationInterval;
        var end = Math.Min(start + options.PerturbationInterval, options.StepsPerMember);
        var template = new PbtSegment
        {
            Member = member,
            Generation = generation,
            TrialNumber = -1,
            State = TrialState.Running,
            Hyperparameters = new PbtHyperparameters(new Dictionary<string, object?>()),
            StartStep = start,
            EndStep = end,
        };
        if (generation == 0)
        {
            var rng = Stream(InitialKey, member, 0);
            var initial = space.Parameters.ToDictionary(
                p => p.Name, p => p.Distribution.ToExternal(PbtPerturbation.Sample(p.Distribution, rng)), StringComparer.Ordinal);
            return template with { Hyperparameters = new PbtHyperparameters(initial) };
        }

        var previous = history.Members[member].Segments[generation - 1];
        var parents = Parents(history, generation);
        var (top, bottom) = PbtQuantiles.Split(parents.Select(p => (p.Member, p.Score!.Value)).ToArray(), options.Quantile, direction);
        if (!bottom.Contains(member))
        {
            return template with
            {
                Hyperparameters = previous.Hyperparameters,
                ParentMember = member,
                ParentTrial = previous.TrialNumber,
                LoadedCheckpoint = previous.Checkpoint,
            };
        }

        var random = Stream(ExploitKey, member, generation);
        var targetMember = top[random.NextInt32(top.Count)];
        var target = parents.First(p => p.Member == targetMember);
        var explored = pb2?.Explore(history, target.Hyperparameters, start, random)
            ?? PbtPerturbation.Explore(target.Hyperparameters, space, options, random);
        return template with
        {
            Hyperparameters = new PbtHyperparameters(explored),
            ParentMember = target.Member,
            ParentTrial = target.TrialNumber,
            LoadedCheckpoint = target.Checkpoint,
            Exploited = true,
        };
    }

    /// <summary>The segments ranked for a decision at <paramref name="generation"/>: the previous generation (synchronous) or each member's latest (asynchronous).</summary>
    private List<PbtSegment> Parents(PbtHistory history, int generation)
    {
        var parents = new List<PbtSegment>();
        foreach (var member in history.Members.Take(options.PopulationSize))
        {
            var segment = options.Mode == PbtMode.Synchronous
                ? member.Segments.FirstOrDefault(s => s.Generation == generation - 1 && s.State == TrialState.Complete)
                : member.Latest;
            if (segment is not null)
            {
                parents.Add(segment);
            }
        }

        return parents;
    }

    private SeededRandom Stream(ulong purpose, int member, int generation) =>
        SeededRandom.For(SeededRandom.Derive(seed, purpose), ((ulong)(uint)member << 32) | (uint)generation);
}
