using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// The covariance matrix adaptation evolution strategy (CMA-ES; Hansen, arXiv:1604.00772, 2016):
/// samples each generation of λ trials from a multivariate normal distribution over the numerical
/// parameters and moves, stretches and rotates the distribution towards the better trials. Strong on
/// continuous problems with interacting parameters and budgets of a few hundred trials and more. Like
/// Optuna's <c>CmaEsSampler</c>, with IPOP/BIPOP restarts, separable CMA, CMA-ES with margin for
/// discrete parameters, learning-rate adaptation and warm starting (see <see cref="CmaEsSamplerOptions"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Search space.</b> The parameters every evaluated trial has with one distribution (the intersection
/// search space), floats and ints with more than one value, in ordinal order of their names, each mapped to
/// [0, 1] (log parameters in log space, ints and stepped floats one cell per value). Categorical
/// parameters, parameters outside that space, and every parameter of the trials that start before any
/// trial has been evaluated are sampled by <see cref="CmaEsSamplerOptions.IndependentSampler"/>. When the
/// space shrinks (a parameter becomes conditional, or its range changes) CMA-ES continues on the remaining
/// parameters with the marginal distribution.
/// </para>
/// <para>
/// <b>State.</b> The whole CMA-ES state (mean, step size, covariance, evolution paths, restart
/// bookkeeping and seed) is kept as versioned JSON in the study system attribute <see cref="StateKey"/>,
/// written once per generation. A study loaded in another process, or by a new sampler after a restart,
/// continues the same search and draws the same candidates.
/// </para>
/// <para>
/// <b>Parallel workers.</b> Generation g has λ slots; candidate k of slot j is a pure function of
/// (seed, g, j, k). A trial claims a free slot in its system attribute <see cref="CandidateKey"/>, reads
/// the trials back and keeps the slot unless another trial holds it (then both give way and take other
/// slots), so no two trials run one candidate, across threads and processes. A trial whose slot holder
/// failed (or was pruned) is replaced by a fresh candidate of the same slot. A trial that starts when
/// every slot is taken samples from the same distribution as an overflow trial. The generation is told
/// when λ of its trials are evaluated; its trials still running then (and unused overflow trials) are
/// carried into the next generation as injected solutions, so no evaluation is wasted.
/// </para>
/// <para>
/// Single-objective studies only. The sampler is thread-safe; it keeps a decoded copy of the state per
/// study and reads the attribute again only to see whether it changed.
/// </para>
/// </remarks>
public sealed class CmaEsSampler : Sampler
{
    /// <summary>The study system attribute that holds the CMA-ES state (versioned JSON text).</summary>
    public const string StateKey = "attune:cma:state";

    /// <summary>The trial system attribute that records the candidate a trial runs.</summary>
    public const string CandidateKey = "attune:cma:candidate";

    // Bounds the rounds of "read the state, tell a complete generation, write" within one Ask.
    private const int MaxStateRounds = 16;

    private static readonly Dictionary<string, double> NoValues = [];
    private static readonly Dictionary<string, Distribution> NoSpace = [];

    private readonly CmaEsSamplerOptions options;
    private readonly ulong seed;
    private readonly Sampler independentSampler;
    private readonly ConditionalWeakTable<Study, StudyCache> caches = [];

    /// <summary>Creates a sampler with the default options and a seed from the operating system's entropy.</summary>
    public CmaEsSampler()
        : this(new CmaEsSamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range or options conflict (see <see cref="CmaEsSamplerOptions"/>).</exception>
    public CmaEsSampler(CmaEsSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        this.options = options;
        seed = options.Seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
        independentSampler = options.IndependentSampler ?? new RandomSampler(new RandomSamplerOptions { Seed = options.Seed });
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The study has several objectives.</exception>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Directions.Count != 1)
        {
            throw new NotSupportedException(
                $"CmaEsSampler optimizes a single objective, but study '{study.Name}' has {study.Directions.Count}; use a multi-objective sampler.");
        }

        var cache = Cache(study);
        lock (cache.Gate)
        {
            cache.Index.Update(study.Trials);
            if (cache.SpaceVersion != cache.Index.IntersectionVersion || cache.Space is null)
            {
                cache.Space = CmaSpace.From(cache.Index.Intersection);
                cache.SpaceVersion = cache.Index.IntersectionVersion;
            }

            return cache.Space.Dimension == 0 ? NoSpace : cache.Space.Distributions;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SampleRelative(
        Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var cache = Cache(study);
        var space = cache.Space is { } inferred && ReferenceEquals(inferred.Distributions, searchSpace) ? inferred : CmaSpace.From(searchSpace);
        if (space.Dimension == 0)
        {
            return NoValues;
        }

        CmaStudyState state;
        CmaClaim claim;
        lock (cache.Gate)
        {
            var trials = study.Trials;
            cache.Index.Update(trials);
            (state, var view) = Current(study, trial, cache, space, trials);
            claim = Claim(study, trial, cache, state, view);
        }

        var values = new Dictionary<string, double>(space.Dimension, StringComparer.Ordinal);
        var evaluated = claim.Evaluated;
        for (var i = 0; i < state.Space.Dimension; i++)
        {
            var name = state.Space.Names[i];
            if (searchSpace.TryGetValue(name, out var distribution) && distribution.Equals(state.Space.DistributionAt(i)))
            {
                values[name] = state.Space.FromUnit(i, evaluated[i]);
            }
        }

        return values;
    }

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        if (options.WarnIndependentSampling
            && caches.TryGetValue(study, out var cache)
            && cache.State is not null
            && cache.Warned.TryAdd(name, 0))
        {
            CmaLog.IndependentSampling(study.Logger, name, trial.Number, independentSampler.GetType().Name);
        }

        return independentSampler.SampleIndependent(study, trial, name, distribution);
    }

    /// <inheritdoc/>
    public override void BeforeTrial(Study study, Trial trial) => independentSampler.BeforeTrial(study, trial);

    /// <inheritdoc/>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        independentSampler.AfterTrial(study, trial, state, values);

    // The key of candidate draw a of slot j, and of an overflow trial.
    private static ulong SlotKey(int slot, int draw) => ((ulong)(uint)slot << 32) | (uint)draw;

    private static ulong OverflowKey(int trialNumber) => (1UL << 63) | (uint)trialNumber;

    private static void Validate(CmaEsSamplerOptions options)
    {
        if (options.Sigma0 is { } sigma && !(sigma > 0 && double.IsFinite(sigma)))
        {
            throw new ArgumentException($"Sigma0 must be a finite number > 0, but got {sigma}.", nameof(options));
        }

        if (options.PopulationSize is { } lambda && lambda < 2)
        {
            throw new ArgumentException($"PopulationSize must be at least 2, but got {lambda}.", nameof(options));
        }

        if (options.IncPopSize < 1)
        {
            throw new ArgumentException($"IncPopSize must be at least 1, but got {options.IncPopSize}.", nameof(options));
        }

        if (!Enum.IsDefined(options.RestartStrategy))
        {
            throw new ArgumentException(
                $"RestartStrategy {(int)options.RestartStrategy} is not defined; use None, Ipop or Bipop.", nameof(options));
        }

        if (options.LrAdapt && options.UseSeparableCma)
        {
            throw new ArgumentException("LrAdapt cannot be combined with UseSeparableCma: learning-rate adaptation needs a full covariance matrix.", nameof(options));
        }

        if (options.SourceTrials is { } sources)
        {
            if (options.X0 is not null || options.Sigma0 is not null)
            {
                throw new ArgumentException("SourceTrials cannot be combined with X0 or Sigma0: the warm start estimates both.", nameof(options));
            }

            if (sources.Count == 0)
            {
                throw new ArgumentException("SourceTrials is empty; give at least one evaluated trial of the source study, or leave it null.", nameof(options));
            }
        }
    }

    private StudyCache Cache(Study study) =>
        caches.GetValue(study, s => new StudyCache(new CmaTrialIndex(options.ConsiderPrunedTrials, s.Directions[0])));

    // The study's state for this space: created, moved to the space, or updated with complete generations
    // as needed, and written back; with the view of its current generation.
    private (CmaStudyState State, CmaGenerationView View) Current(
        Study study, Trial trial, StudyCache cache, CmaSpace space, IReadOnlyList<TrialRecord> trials)
    {
        for (var round = 0; ; round++)
        {
            var json = study.SystemAttrs.TryGetValue(StateKey, out var stored) ? stored as string : null;
            if (json is null)
            {
                var created = CmaInitialState.Create(options, space, seed, 0, study.Direction, study.WarmStartTrials);
                CmaLog.StateCreated(
                    study.Logger, space.Dimension, string.Join(", ", space.Names), created.Search.Optimizer.PopulationSize, created.Search.Optimizer.Sigma);
                Publish(study, created);
                continue;
            }

            var state = cache.Decode(json, study.Name);
            WarnIfOptionsDiffer(study, cache, state);
            var last = round >= MaxStateRounds;

            // The intersection space only shrinks as trials finish, so a state on a sub-space of ours was moved
            // by a worker that has seen more trials: follow it (our extra parameters are sampled independently).
            if (!state.Space.SameAs(space) && state.Space.PositionsIn(space) is null && !last)
            {
                Publish(study, Moved(study, state, space));
                continue;
            }

            var search = state.Search;
            var view = cache.Index.View(search.Generation, search.Optimizer.PopulationSize, state.Reserved, trials, trial.Number);
            if (!view.IsComplete || last)
            {
                return (state, view);
            }

            // Update a private copy: the decoded state is shared by the workers of this process.
            var (next, restarted) = CmaGenerationTell.Apply(state with { Search = state.Search.Clone() }, view);
            if (restarted)
            {
                var run = next.Search.Optimizer;
                CmaLog.Restarted(
                    study.Logger, next.Search.Restarts, next.Search.Strategy.ToString(), next.Search.Generation, run.PopulationSize, run.Sigma);
            }

            Publish(study, next);
        }
    }

    // The state moved to a new search space: the marginal distribution on a sub-space, or a new search.
    private CmaStudyState Moved(Study study, CmaStudyState state, CmaSpace space)
    {
        var generation = state.Search.Generation + 1;
        CmaLog.SpaceChanged(study.Logger, string.Join(", ", state.Space.Names), string.Join(", ", space.Names), generation);
        return space.PositionsIn(state.Space) is { } positions
            ? CmaInitialState.Marginal(state, space, positions, options)
            : CmaInitialState.Create(options, space, state.Search.Seed, generation, study.Direction, study.WarmStartTrials);
    }

    // Writes a state. The writer, like every other worker, then samples from the state decoded from the
    // text (decoding recomputes the eigendecomposition of C, which must match in every process). Storage
    // has no compare-and-set; the caller reads the attribute back and follows whichever state the study kept.
    private static void Publish(Study study, CmaStudyState state) =>
        study.SetSystemAttr(StateKey, CmaStateJson.Write(state));

    // The claim protocol (see the class remarks): claim a free slot, read back, keep it unless a rival holds it.
    private static CmaClaim Claim(Study study, Trial trial, StudyCache cache, CmaStudyState state, CmaGenerationView view)
    {
        var search = state.Search;
        var n = state.Space.Dimension;
        var lambda = search.Optimizer.PopulationSize;
        var deferred = new HashSet<int>();
        var x = new double[n];
        var u = new double[n];
        while (true)
        {
            var free = view.FreeSlots();
            free.RemoveAll(deferred.Contains);
            if (free.Count == 0)
            {
                search.Candidate(OverflowKey(trial.Number), x, u);
                var overflow = new CmaClaim(trial.Number, search.Generation, CmaClaim.Overflow, trial.Number, x, Differs(x, u) ? u : null);
                trial.SetSystemAttr(CandidateKey, overflow.ToAttribute());
                return overflow;
            }

            var slot = free[trial.Number % free.Count];
            var draw = view.Draws[slot];
            if (draw == 0 && search.Orthogonal)
            {
                search.OrthogonalCandidate(slot, SlotKey(slot, draw), x, u);
            }
            else
            {
                search.Candidate(SlotKey(slot, draw), x, u);
            }
            var claim = new CmaClaim(trial.Number, search.Generation, slot, draw, (double[])x.Clone(), Differs(x, u) ? (double[])u.Clone() : null);
            trial.SetSystemAttr(CandidateKey, claim.ToAttribute());

            var trials = study.Trials;
            cache.Index.Update(trials);
            view = cache.Index.View(search.Generation, lambda, state.Reserved, trials, trial.Number);
            if (view.Filled[slot] is null && view.PendingTrial[slot] < 0)
            {
                return claim;
            }

            deferred.Add(slot);
        }
    }

    private static bool Differs(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => !a.SequenceEqual(b);

    private void WarnIfOptionsDiffer(Study study, StudyCache cache, CmaStudyState state)
    {
        if (cache.OptionsChecked)
        {
            return;
        }

        cache.OptionsChecked = true;
        var search = state.Search;
        var run = search.Optimizer;
        var differences = new List<string>();
        if (search.Strategy != options.RestartStrategy)
        {
            differences.Add($"RestartStrategy {search.Strategy}");
        }

        if (search.IncPopSize != options.IncPopSize)
        {
            differences.Add($"IncPopSize {search.IncPopSize}");
        }

        if (run.Parameters.Separable != options.UseSeparableCma)
        {
            differences.Add($"UseSeparableCma {run.Parameters.Separable}");
        }

        if (search.WithMargin != options.WithMargin)
        {
            differences.Add($"WithMargin {search.WithMargin}");
        }

        if (run.LearningRate is not null != options.LrAdapt)
        {
            differences.Add($"LrAdapt {run.LearningRate is not null}");
        }

        if (search.Orthogonal != options.OrthogonalSampling)
        {
            differences.Add($"OrthogonalSampling {search.Orthogonal}");
        }

        if (options.Seed is not null && search.Seed != seed)
        {
            differences.Add("Seed");
        }

        if (differences.Count > 0)
        {
            CmaLog.OptionsDiffer(study.Logger, study.Name, string.Join(", ", differences));
        }
    }

    // What this sampler keeps for one study in this process.
    private sealed class StudyCache(CmaTrialIndex index)
    {
        private string? json;

        public Lock Gate { get; } = new();

        public CmaTrialIndex Index { get; } = index;

        public ConcurrentDictionary<string, byte> Warned { get; } = new(StringComparer.Ordinal);

        public CmaSpace? Space { get; set; }

        public int SpaceVersion { get; set; } = -1;

        public bool OptionsChecked { get; set; }

        // Read by SampleIndependent without the lock.
        public CmaStudyState? State => Volatile.Read(ref state);

        private CmaStudyState? state;

        // The decoded state of the attribute text, parsed only when the text changed.
        public CmaStudyState Decode(string text, string studyName)
        {
            if (state is { } known && (ReferenceEquals(text, json) || string.Equals(text, json, StringComparison.Ordinal)))
            {
                return known;
            }

            var decoded = CmaStateJson.Read(text, studyName);
            json = text;
            Volatile.Write(ref state, decoded);
            return decoded;
        }
    }
}
