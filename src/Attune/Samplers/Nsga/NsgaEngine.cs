using System.Globalization;
using System.Runtime.CompilerServices;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// The generational machinery that <see cref="NsgaIISampler"/> and <see cref="NsgaIIISampler"/> share;
/// they differ only in how survivors are chosen (<see cref="ISurvival"/>) and in their attribute keys.
/// </summary>
/// <remarks>
/// <para>
/// Bookkeeping. When a trial starts, the sampler refreshes its view of the study, closes every
/// generation whose members are settled (<see cref="NsgaStudyState.SettledMembers"/>: its first
/// population-size complete trials by number, once no lower-numbered trial that could join them is
/// still running), and tags the trial with the generation after the last closed one. Closing
/// generation g selects survivors from its members and the elite of g − 1 and records both lists in a
/// study system attribute. Settled members and survival ties drawn from the generation and its members
/// make the record the same for every worker, in any process, whatever its seed; a worker that finds a
/// record adopts it, and a worker that writes one reads it back and adopts what the study kept. So all
/// workers breed generation g + 1 from one elite, and a closed generation never changes; its elite is
/// cached.
/// </para>
/// <para>
/// Randomness. A child's draws come from a stream derived from the seed and the trial number; survival
/// ties from a stream derived from the generation and its members. Nothing random is shared between
/// threads.
/// </para>
/// </remarks>
internal sealed class NsgaEngine
{
    private const ulong ChildStream = 0x4E53_4741_4348_494CUL;
    private const ulong SurvivalStream = 0x4E53_4741_5355_5256UL;

    // A generation waits for a trial numbered below its members that is still running, until this many
    // populations of its trials have completed (a worker that died mid-trial must not stall the search).
    private const int Patience = 3;

    private readonly string name;
    private readonly string generationKey;
    private readonly string parentsKey;
    private readonly string populationKeyPrefix;
    private readonly ISurvival survival;
    private readonly int populationSize;
    private readonly double crossoverProbability;
    private readonly double? mutationProbability;
    private readonly double swappingProbability;
    private readonly ICrossover crossover;
    private readonly IMutation? mutation;
    private readonly Func<TrialRecord, IReadOnlyList<double>>? constraints;
    private readonly ulong childSeed;
    private readonly Sampler independent;
    private readonly ConditionalWeakTable<Study, NsgaStudyState> states = [];
    private volatile SpaceCache? lastSpace;

    public NsgaEngine(string name, string keyPrefix, NsgaSamplerOptions options, ISurvival survival)
    {
        Validate(name, options);
        this.name = name;
        generationKey = keyPrefix + ":generation";
        parentsKey = keyPrefix + ":parents";
        populationKeyPrefix = "attune:" + keyPrefix + ":population:";
        this.survival = survival;
        populationSize = options.PopulationSize;
        crossoverProbability = options.CrossoverProbability;
        mutationProbability = options.MutationProbability;
        swappingProbability = options.SwappingProbability;
        crossover = options.Crossover ?? new UniformCrossover(options.SwappingProbability);
        mutation = options.Mutation;
        constraints = options.Constraints;
        var seed = options.Seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
        childSeed = SeededRandom.Derive(seed, ChildStream);
        independent = options.IndependentSampler ?? new RandomSampler(new RandomSamplerOptions { Seed = options.Seed });
    }

    public void BeforeTrial(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        independent.BeforeTrial(study, trial);
        var generation = Advance(study);
        trial.SetSystemAttr(generationKey, (long)generation);
    }

    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var state = State(study);
        lock (state.Gate)
        {
            return state.Space.Current;
        }
    }

    public IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var generation = trial.SystemAttrs.TryGetValue(generationKey, out var tag) && tag is long g and >= 0 and <= int.MaxValue
            ? (int)g
            : Advance(study);
        if (generation == 0 || searchSpace.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        var state = State(study);
        Population? parents;
        lock (state.Gate)
        {
            parents = Current(study, state, generation - 1);
        }

        if (parents is null)
        {
            return new Dictionary<string, double>();
        }

        var space = Space(searchSpace);
        var random = SeededRandom.For(childSeed, (ulong)trial.Number);
        var (values, parentNumbers) = Breed(parents, space, random);
        trial.SetSystemAttr(parentsKey, parentNumbers.Select(n => (object?)(long)n).ToList());
        return values;
    }

    public double SampleIndependent(Study study, Trial trial, string paramName, Distribution distribution) =>
        independent.SampleIndependent(study, trial, paramName, distribution);

    public void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (constraints is not null && state == TrialState.Complete && values is not null)
        {
            ConstraintValues.Record(trial, state, values, constraints, name);
        }

        independent.AfterTrial(study, trial, state, values);
    }

    private static void Validate(string name, NsgaSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parents = options.Crossover?.ParentCount ?? 2;
        if (parents < 2)
        {
            throw new ArgumentException($"{name}: the crossover must combine at least 2 parents, but {options.Crossover!.GetType().Name} has ParentCount {parents}.", nameof(options));
        }

        if (options.PopulationSize < parents)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name}: PopulationSize must be >= 2 and >= the crossover's {parents} parents, but got {options.PopulationSize}."),
                nameof(options));
        }

        CheckProbability(name, "CrossoverProbability", options.CrossoverProbability, nameof(options));
        CheckProbability(name, "SwappingProbability", options.SwappingProbability, nameof(options));
        if (options.MutationProbability is { } p)
        {
            CheckProbability(name, "MutationProbability", p, nameof(options));
        }
    }

    private static void CheckProbability(string name, string option, double value, string paramName)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name}: {option} must be in [0, 1], but got {value}."), paramName);
        }
    }

    // The unit-cube layout of a search space; the intersection space is replaced only when it changes, so the last one is usually it.
    private UnitSpace Space(IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        if (lastSpace is { } last && ReferenceEquals(last.Source, searchSpace))
        {
            return last.Unit;
        }

        var unit = new UnitSpace(searchSpace);
        lastSpace = new SpaceCache(searchSpace, unit);
        return unit;
    }

    private NsgaStudyState State(Study study) => states.GetValue(study, _ => new NsgaStudyState(generationKey));

    /// <summary>Refreshes the view of the study, closes every generation that is full, and returns the generation a new trial joins.</summary>
    private int Advance(Study study)
    {
        var state = State(study);
        lock (state.Gate)
        {
            // Read inside the lock: a snapshot older than the last one taken in would not hold every trial it tracks.
            var trials = study.Trials;
            state.Refresh(trials);
            while (state.SettledMembers(state.LastClosed + 1, populationSize, Patience, trials) is { } members)
            {
                state.Close(CloseGeneration(study, state, trials, state.LastClosed + 1, members));
            }

            return state.LastClosed + 1;
        }
    }

    /// <summary>
    /// The elite of closed generation <paramref name="generation"/>, switched to the study's record when that differs:
    /// two workers can close a generation at once from different views, and the record the study kept (the last write)
    /// is the one every worker must breed from. The caller holds the state's lock.
    /// </summary>
    private Population? Current(Study study, NsgaStudyState state, int generation)
    {
        var mine = state.Elite(generation);
        if (mine is null
            || GenerationRecord.Read(study, study.SystemAttrs, GenerationRecord.Key(populationKeyPrefix, generation)) is not { } kept
            || kept.Elite.SequenceEqual(mine.Members.Select(i => i.Number)))
        {
            return mine;
        }

        if (Resolve(study, kept, study.Trials) is not { } theirs)
        {
            return mine;
        }

        var adopted = new Population(generation, theirs);
        state.Replace(adopted);
        return adopted;
    }

    private Population CloseGeneration(Study study, NsgaStudyState state, IReadOnlyList<TrialRecord> trials, int generation, int[] members)
    {
        var key = GenerationRecord.Key(populationKeyPrefix, generation);
        if (GenerationRecord.Read(study, study.SystemAttrs, key) is { } stored && Resolve(study, stored, trials) is { } adopted)
        {
            return new Population(generation, adopted);
        }

        var previous = state.Elite(generation - 1)?.Members ?? [];
        var candidates = new List<Individual>(previous.Length + members.Length);
        candidates.AddRange(previous);
        candidates.AddRange(members.Select(n => new Individual(trials[n], study.Directions)));
        var elite = candidates.Count <= populationSize
            ? [.. candidates]
            : survival.Select(candidates, populationSize, study.Directions.Count, SurvivalRandom(generation, members));

        // Every worker computes the same record from settled members; storage offers no compare-and-set,
        // so a worker still reads back and adopts whatever the study kept.
        var mine = new GenerationRecord(members, elite.Select(i => i.Number).ToArray());
        study.SetSystemAttr(key, mine.ToAttribute());
        if (GenerationRecord.Read(study, study.SystemAttrs, key) is { } kept
            && !kept.Elite.SequenceEqual(mine.Elite)
            && Resolve(study, kept, trials) is { } theirs)
        {
            return new Population(generation, theirs);
        }

        return new Population(generation, elite);
    }

    // Survival ties are broken by a stream derived from the generation and its members, not from the
    // sampler's seed, so that workers with different (or no) seeds choose the same elite.
    private static SeededRandom SurvivalRandom(int generation, int[] members)
    {
        var key = SeededRandom.Derive(SurvivalStream, (ulong)generation);
        foreach (var number in members)
        {
            key = SeededRandom.Derive(key, (ulong)number);
        }

        return new SeededRandom(key);
    }

    // The elite of a stored record as individuals, or null when a trial it names is not complete here.
    private static Individual[]? Resolve(Study study, GenerationRecord record, IReadOnlyList<TrialRecord> trials)
    {
        var elite = new Individual[record.Elite.Count];
        for (var i = 0; i < elite.Length; i++)
        {
            var number = record.Elite[i];
            if (number >= trials.Count || trials[number].State != TrialState.Complete)
            {
                trials = study.Trials;
                if (number >= trials.Count || trials[number].State != TrialState.Complete)
                {
                    return null;
                }
            }

            elite[i] = new Individual(trials[number], study.Directions);
        }

        return elite;
    }

    private (Dictionary<string, double> Values, List<int> Parents) Breed(Population population, UnitSpace space, SeededRandom random)
    {
        var pool = population.Covering(space);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var parentNumbers = new List<int>(crossover.ParentCount);
        if (pool.Length == 0)
        {
            return (values, parentNumbers);
        }

        var n = space.Numeric.Length;
        var child = new double[n];
        int[] chosen;
        if (random.NextDouble() < crossoverProbability && pool.Length >= crossover.ParentCount)
        {
            chosen = [];
            var rows = new double[crossover.ParentCount * n];
            for (var attempt = 1; ; attempt++)
            {
                chosen = SelectParents(population, pool, crossover.ParentCount, random);
                for (var k = 0; k < chosen.Length; k++)
                {
                    space.Encode(population.Members[chosen[k]].Trial, rows.AsSpan(k * n, n));
                }

                if (n == 0)
                {
                    break;
                }

                crossover.Cross(rows, child, random);
                if (InUnitCube(child) || attempt == ICrossover.MaxAttempts)
                {
                    break;
                }
            }
        }
        else
        {
            chosen = SelectParents(population, pool, 1, random);
            space.Encode(population.Members[chosen[0]].Trial, child);
        }

        var first = population.Members[chosen[0]].Trial;
        var second = population.Members[chosen[Math.Min(1, chosen.Length - 1)]].Trial;
        var probability = mutationProbability ?? 1.0 / Math.Max(1, n + space.Categorical.Length);
        for (var k = 0; k < n; k++)
        {
            var u = Math.Clamp(child[k], 0, 1);
            if (random.NextDouble() < probability)
            {
                if (mutation is null)
                {
                    continue;
                }

                u = Math.Clamp(mutation.Mutate(u, random), 0, 1);
            }

            values[space.Numeric[k]] = UnitInterval.FromUnit(u, space.NumericDistributions[k]);
        }

        for (var k = 0; k < space.Categorical.Length; k++)
        {
            var paramName = space.Categorical[k];
            var swap = random.NextDouble() < swappingProbability;
            if (random.NextDouble() < probability)
            {
                continue;
            }

            values[paramName] = (swap ? second : first).InternalParams[paramName];
        }

        foreach (var index in chosen)
        {
            parentNumbers.Add(population.Members[index].Number);
        }

        return (values, parentNumbers);
    }

    /// <summary>Distinct parents, each the winner of a binary tournament among the members not yet chosen.</summary>
    private int[] SelectParents(Population population, int[] pool, int count, SeededRandom random)
    {
        var available = new List<int>(pool);
        var parents = new int[count];
        for (var p = 0; p < count; p++)
        {
            int winner;
            if (available.Count == 1)
            {
                winner = 0;
            }
            else
            {
                var a = random.NextInt32(available.Count);
                var b = random.NextInt32(available.Count - 1);
                if (b >= a)
                {
                    b++;
                }

                winner = survival.Wins(population, available[a], available[b], random) ? a : b;
            }

            parents[p] = available[winner];
            available.RemoveAt(winner);
        }

        return parents;
    }

    private sealed record SpaceCache(IReadOnlyDictionary<string, Distribution> Source, UnitSpace Unit);

    private static bool InUnitCube(ReadOnlySpan<double> point)
    {
        foreach (var v in point)
        {
            if (!(v is >= 0 and <= 1))
            {
                return false;
            }
        }

        return true;
    }
}
