using System.Runtime.CompilerServices;
using Attune.Numerics;
using Attune.Randomness;
using Attune.Samplers.Tpe;

namespace Attune.Samplers;

/// <summary>
/// Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe 2023), with Optuna's TPE as the
/// reference: finished trials are split into a good set (the best γ(n)) and the rest, a Parzen
/// estimator l(x) is fitted to the good set and g(x) to the rest, and of
/// <see cref="TpeSamplerOptions.EiCandidates"/> draws from l the one with the largest l(x)/g(x) is
/// proposed. Multivariate by default (one joint mixture over the parameters all finished trials
/// share), with optional group decomposition for conditional spaces, the constant liar for parallel
/// workers, pruned trials ranked into the split, c-TPE constraints and multi-objective TPE (split by
/// non-domination rank and hypervolume subset selection, good trials weighted by hypervolume
/// contribution). The first <see cref="TpeSamplerOptions.StartupTrials"/> trials are random. When
/// the study's pruner offers its own view of the trials (<see cref="Pruners.Pruner.TrialsForSampler"/>,
/// e.g. <see cref="Pruners.HyperbandPruner"/>, which makes this BOHB), that view is modelled instead.
/// </summary>
/// <remarks>
/// Thread-safe. Per study it keeps parsed trial data and reads only trials that changed since the
/// last call, so a trial's sampling cost grows with the number of kernels evaluated, not with
/// re-reading the history. A trial's parameters depend on the seed, the trial number and the study's
/// finished and running trials, never on thread timing.
/// </remarks>
public sealed class TpeSampler : Sampler
{
    private const int Recent = 25;

    private static readonly IReadOnlyDictionary<string, Distribution> NoSpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> NoParams = new Dictionary<string, double>();

    private readonly TpeSamplerOptions options;
    private readonly ulong seed;
    private readonly bool defaultWeights;
    private readonly ConditionalWeakTable<Study, TpeStudyState> states = [];
    private readonly ConditionalWeakTable<Trial, TpeStudyState> prunerViews = [];
    private readonly ConditionalWeakTable<Study, TpeWarmStart> warmStarts = [];

    /// <summary>Creates a sampler with the default options and a seed from the operating system's entropy.</summary>
    public TpeSampler()
        : this(new TpeSamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">An option is out of range, or <see cref="TpeSamplerOptions.Group"/> is set without <see cref="TpeSamplerOptions.Multivariate"/>.</exception>
    public TpeSampler(TpeSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StartupTrials < 0)
        {
            throw new ArgumentException($"StartupTrials must be >= 0, but got {options.StartupTrials}.", nameof(options));
        }

        if (options.EiCandidates < 1)
        {
            throw new ArgumentException($"EiCandidates must be >= 1, but got {options.EiCandidates}.", nameof(options));
        }

        if (!(options.PriorWeight > 0 && double.IsFinite(options.PriorWeight)))
        {
            throw new ArgumentException($"PriorWeight must be a finite number > 0, but got {options.PriorWeight}.", nameof(options));
        }

        if (options.Gamma is null || options.Weights is null)
        {
            throw new ArgumentException("Gamma and Weights must not be null.", nameof(options));
        }

        if (options.GoodBandwidthFactor is { } factor && !(factor > 0 && factor <= 1))
        {
            throw new ArgumentException($"GoodBandwidthFactor must lie in (0, 1], but got {factor}.", nameof(options));
        }

        if (options.Recombination is { } share && !(share >= 0 && share <= 1))
        {
            throw new ArgumentException($"Recombination must lie in [0, 1], but got {share}.", nameof(options));
        }

        if (options.Group && !options.Multivariate)
        {
            throw new ArgumentException("Group requires Multivariate = true.", nameof(options));
        }

        if (!(options.WarmStartWeight >= 0 && options.WarmStartWeight <= 1))
        {
            throw new ArgumentException($"WarmStartWeight must lie in [0, 1], but got {options.WarmStartWeight}.", nameof(options));
        }

        if (options.WarmStartDecayTrials < 1)
        {
            throw new ArgumentException($"WarmStartDecayTrials must be >= 1, but got {options.WarmStartDecayTrials}.", nameof(options));
        }

        this.options = options;
        seed = options.Seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
        defaultWeights = options.Weights.Method == ((Func<int, double[]>)DefaultWeights).Method && options.Weights.Target is null;
    }

    /// <summary>The options.</summary>
    public TpeSamplerOptions Options => options;

    /// <summary>The factor of <see cref="TpeSamplerOptions.GoodBandwidthFactor"/> when it is not set: 0.3 with one objective.</summary>
    public const double DefaultGoodBandwidthFactor = 0.3;

    /// <summary>The share of <see cref="TpeSamplerOptions.Recombination"/> when it is not set: 0.75 with one objective.</summary>
    public const double DefaultRecombination = 0.75;

    /// <summary>The default size of the good set: min(⌈0.1·n⌉, 25).</summary>
    /// <param name="n">The number of finished (complete or pruned) trials.</param>
    /// <returns>The number of good trials.</returns>
    public static int DefaultGamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>
    /// The default observation weights, oldest first: all 1 below 25 observations; otherwise a linear
    /// ramp from 1/n to 1 over the oldest n − 25 and 1 for the newest 25.
    /// </summary>
    /// <param name="n">The number of observations.</param>
    /// <returns>n weights.</returns>
    public static double[] DefaultWeights(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var weights = new double[n];
        FillDefaultWeights(weights);
        return weights;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (!options.Multivariate)
        {
            return NoSpace;
        }

        var state = State(study);
        lock (state.Gate)
        {
            // Snapshots are read under the lock so that the incremental state sees them in time order.
            var trials = study.Trials;
            if (!options.Group)
            {
                return state.Relevant(state.Intersection.Calculate(study, trials));
            }

            var union = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
            foreach (var dims in state.GroupDimensions(state.Groups.Calculate(study, trials)))
            {
                foreach (var dim in dims)
                {
                    union[dim.Name] = dim.Distribution;
                }
            }

            return union;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0)
        {
            return NoParams;
        }

        var state = PrunerViewState(study, trial) ?? State(study);
        lock (state.Gate)
        {
            var trials = study.Trials;
            if (state.RefreshedFor != trial.Number)
            {
                state.History.Refresh(trials);
                state.RefreshedFor = trial.Number;
            }

            if (state.History.UsableCount < options.StartupTrials && !CanWarmStart(study))
            {
                return NoParams;
            }

            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            if (options.Group)
            {
                foreach (var group in state.GroupDimensions(state.Groups.Calculate(study, trials)))
                {
                    var dims = Array.FindAll(group, d => searchSpace.TryGetValue(d.Name, out var given) && given.Equals(d.Distribution));
                    if (dims.Length > 0)
                    {
                        TrySampleInto(study, state, trial.Number, dims, result, GoodBandwidthFactor(study), Recombination(study));
                    }
                }
            }
            else
            {
                var dims = new KernelDimension[searchSpace.Count];
                var i = 0;
                foreach (var (name, distribution) in searchSpace.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    dims[i++] = KernelDimension.Create(name, distribution);
                }

                TrySampleInto(study, state, trial.Number, dims, result, GoodBandwidthFactor(study), Recombination(study));
            }

            return result;
        }
    }

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        var state = PrunerViewState(study, trial) ?? State(study);
        lock (state.Gate)
        {
            if (state.RefreshedFor != trial.Number)
            {
                // A trial's later samples reuse the view of the study taken at its first.
                state.History.Refresh(study.Trials);
                state.RefreshedFor = trial.Number;
            }

            var result = new Dictionary<string, double>(1, StringComparer.Ordinal);
            if (!TrySampleInto(study, state, trial.Number, [KernelDimension.Create(name, distribution)], result, goodFactor: 1, recombination: 0))
            {
                // The same stream as a RandomSampler with this seed would use.
                var random = SeededRandom.For(SeededRandom.Derive(seed, (ulong)trial.Number), StableHash.Of(name));
                return RandomSampler.Draw(random, distribution);
            }

            return result[name];
        }
    }

    /// <inheritdoc/>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (options.Constraints is not { } constraints || state is not (TrialState.Complete or TrialState.Pruned))
        {
            return;
        }

        ConstraintValues.Record(trial, state, values, constraints, nameof(TpeSampler));
    }

    private static void FillDefaultWeights(Span<double> weights)
    {
        var n = weights.Length;
        if (n < Recent)
        {
            weights.Fill(1);
            return;
        }

        // numpy.linspace(1/n, 1, n − 25) for the oldest, then 25 ones.
        var ramp = n - Recent;
        var start = 1.0 / n;
        var step = ramp > 1 ? (1 - start) / (ramp - 1) : 0;
        for (var i = 0; i < ramp; i++)
        {
            weights[i] = i == ramp - 1 && ramp > 1 ? 1 : start + (i * step);
        }

        weights[ramp..].Fill(1);
    }

    /// <summary>
    /// A state over the trials the study's pruner asks samplers to model (<see cref="Pruners.Pruner.TrialsForSampler"/>,
    /// e.g. Hyperband for BOHB), built once per trial from the pruner's records in their order; <see langword="null"/>
    /// when the pruner has no such view and the study's own incremental state applies.
    /// </summary>
    private TpeStudyState? PrunerViewState(Study study, Trial trial)
    {
        if (prunerViews.TryGetValue(trial, out var cached))
        {
            return cached;
        }

        if (study.Pruner.TrialsForSampler(study, trial.Number) is not { } view)
        {
            return null;
        }

        // The history indexes trials by number, so the view is numbered in its own order.
        var renumbered = new TrialRecord[view.Count];
        for (var i = 0; i < renumbered.Length; i++)
        {
            renumbered[i] = view[i] with { Number = i };
        }

        var state = new TpeStudyState(study, options.Constraints is not null);
        state.History.Refresh(renumbered);
        state.RefreshedFor = trial.Number;
        prunerViews.AddOrUpdate(trial, state);
        return state;
    }

    /// <summary>The factor on the good density's bandwidths in the joint model (<see cref="TpeSamplerOptions.GoodBandwidthFactor"/>).</summary>
    private double GoodBandwidthFactor(Study study) =>
        options.GoodBandwidthFactor ?? (study.Directions.Count == 1 ? DefaultGoodBandwidthFactor : 1);

    /// <summary>The share of the good density that recombines coordinates in the joint model (<see cref="TpeSamplerOptions.Recombination"/>).</summary>
    private double Recombination(Study study) =>
        options.Recombination ?? (study.Directions.Count == 1 ? DefaultRecombination : 0);

    private TpeStudyState State(Study study) =>
        states.GetValue(study, s => new TpeStudyState(s, options.Constraints is not null));

    /// <summary>Whether the study has warm-start trials this sampler uses (single objective, a weight above 0).</summary>
    private bool CanWarmStart(Study study) =>
        options.WarmStartWeight > 0 && study.WarmStartTrials.Count > 0 && study.Directions.Count == 1;

    /// <summary>
    /// Proposes a point over <paramref name="dims"/> from the study's own model, the warm-start model or both; returns
    /// <see langword="false"/> (and proposes nothing) during startup when no warm-start trial fits the dimensions.
    /// </summary>
    private bool TrySampleInto(Study study, TpeStudyState state, int trialNumber, KernelDimension[] dims, Dictionary<string, double> result, double goodFactor, double recombination)
    {
        var own = state.History.UsableCount;
        var source = CanWarmStart(study) ? warmStarts.GetValue(study, _ => new TpeWarmStart()).Source(study, dims) : null;
        if (source is null && own < options.StartupTrials)
        {
            return false;
        }

        SampleInto(state, source, source is null ? 0 : TpeWarmStart.Weight(options, own), trialNumber, dims, result, goodFactor, recombination);
        return true;
    }

    /// <summary>
    /// Proposes a joint point over <paramref name="dims"/> and adds it to <paramref name="result"/>: the candidate, drawn from
    /// the good density, that maximizes the ratio of good to bad density. With warm starting, each density is the mixture
    /// (1 − w)·own + w·source, where the source densities are built the same way from the warm-start trials; w = 1 while the
    /// study has no model of its own (startup), w = 0 without a source.
    /// </summary>
    private void SampleInto(TpeStudyState state, TpeStudyState? source, double sourceWeight, int trialNumber, KernelDimension[] dims, Dictionary<string, double> result, double goodFactor, double recombination)
    {
        var settings = new EstimatorSettings(options.PriorWeight, options.ConsiderMagicClip, options.ConsiderEndpoints, goodFactor, recombination);
        var weight = source is null ? 0.0 : sourceWeight;
        using var own = weight < 1 ? BuildEstimators(state, dims, settings) : null;
        TpeEstimators? built = null;
        if (weight > 0)
        {
            // The source state is shared by every trial of the study (and by the pruner's per-trial views).
            lock (source!.Gate)
            {
                built = BuildEstimators(source, dims, settings with { Recombine = 0 });
            }
        }

        using var prior = built;

        var candidates = options.EiCandidates;
        var d = dims.Length;
        var points = new double[candidates * d];
        var key = dims[0].Name;
        foreach (var dim in dims.AsSpan(1))
        {
            key += "\n" + dim.Name;
        }

        var rng = SeededRandom.For(SeededRandom.Derive(seed, (ulong)trialNumber), StableHash.Of("tpe\n" + key));
        var fromPrior = own is null ? candidates : prior is null ? 0 : Math.Clamp((int)Math.Round(candidates * weight), 1, candidates - 1);
        if (own is not null)
        {
            own.Good.Sample(rng, candidates - fromPrior, points);
        }

        if (prior is not null)
        {
            var drawn = new double[fromPrior * d];
            prior.Good.Sample(rng, fromPrior, drawn);
            Array.Copy(drawn, 0, points, (candidates - fromPrior) * d, drawn.Length);
        }

        var logGood = new double[candidates];
        var logBad = new double[candidates];
        MixtureLogPdf(own?.Good, prior?.Good, weight, points, logGood);
        MixtureLogPdf(own?.Bad, prior?.Bad, weight, points, logBad);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < candidates; c++)
        {
            var score = logGood[c] - logBad[c];
            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }

        for (var j = 0; j < d; j++)
        {
            result[dims[j].Name] = points[(best * d) + j];
        }
    }

    /// <summary>log((1 − w)·own(x) + w·prior(x)) at each point; a density that is absent has weight 0.</summary>
    private static void MixtureLogPdf(ParzenEstimator? own, ParzenEstimator? prior, double weight, double[] points, double[] into)
    {
        var count = into.Length;
        if (prior is null)
        {
            own!.LogPdf(points, count, into);
            return;
        }

        if (own is null)
        {
            prior.LogPdf(points, count, into);
            return;
        }

        var other = new double[count];
        own.LogPdf(points, count, into);
        prior.LogPdf(points, count, other);
        var logOwn = Math.Log(1 - weight);
        var logPrior = Math.Log(weight);
        for (var c = 0; c < count; c++)
        {
            into[c] = LogMath.LogAddExp(logOwn + into[c], logPrior + other[c]);
        }
    }

    /// <summary>The good and bad densities of a state's trials (and, with the constant liar, its running trials) over <paramref name="dims"/>.</summary>
    private TpeEstimators BuildEstimators(TpeStudyState state, KernelDimension[] dims, EstimatorSettings settings)
    {
        state.UpdateSplit(options.Gamma);
        var history = state.History;
        var columns = new ParamColumn?[dims.Length];
        for (var j = 0; j < dims.Length; j++)
        {
            columns[j] = history.Column(dims[j].Name);
        }

        // Which columns every usable trial has (then no presence check is needed).
        var complete = true;
        foreach (var c in columns)
        {
            complete &= c is not null && c.Count == history.UsableCount;
        }

        var running = options.ConstantLiar ? history.Running : [];
        var keys = Pooled.Rent<int>(state.Above.Length + running.Count + 1);
        var estimators = new TpeEstimators();
        using var below = new Observations(dims.Length, state.Below.Length);
        using var above = new Observations(dims.Length, state.Above.Length + running.Count);
        try
        {
            // The good trials that have every parameter, with their MOTPE weights (several objectives) or the default ones.
            var belowWeights = state.BelowWeights;
            var count = 0;
            for (var i = 0; i < state.Below.Length; i++)
            {
                var t = state.Below[i];
                if (complete || HasAll(columns, t))
                {
                    keys[count] = t;
                    below.SetCount(count + 1);
                    below.Weights[count] = belowWeights?[i] ?? 1;
                    count++;
                }
            }

            Fill(below, dims, columns, keys.AsSpan(0, count), running);
            if (belowWeights is null)
            {
                SetWeights(below.Weights);
            }

            // The rest, with running trials (constant liar) that have every parameter, in number order.
            count = 0;
            var r = 0;
            foreach (var t in state.Above)
            {
                for (; r < running.Count && running[r].Number < t; r++)
                {
                    if (HasAll(dims, running[r]))
                    {
                        keys[count++] = ~r;
                    }
                }

                if (complete || HasAll(columns, t))
                {
                    keys[count++] = t;
                }
            }

            for (; r < running.Count; r++)
            {
                if (HasAll(dims, running[r]))
                {
                    keys[count++] = ~r;
                }
            }

            Fill(above, dims, columns, keys.AsSpan(0, count), running);
            (double[] Weights, double[] Logs)? aboveMixture = null;
            if (defaultWeights)
            {
                aboveMixture = state.Weights.Get(above.Count, options.PriorWeight, FillDefaultWeights);
            }
            else
            {
                SetWeights(above.Weights);
            }

            estimators.Orders = ValueOrders(above, dims, columns, history.TrialCount);
            estimators.Good = ParzenEstimator.Build(dims, columns, below, settings);
            estimators.Bad = ParzenEstimator.Build(dims, columns, above, settings with { BandwidthFactor = 1, Recombine = 0 }, estimators.Orders, aboveMixture);
            return estimators;
        }
        catch
        {
            estimators.Dispose();
            throw;
        }
        finally
        {
            Pooled.Return(keys);
        }
    }

    private static bool HasAll(ParamColumn?[] columns, int trialNumber)
    {
        foreach (var column in columns)
        {
            if (column is null || trialNumber >= column.Values.Length || double.IsNaN(column.Values[trialNumber]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasAll(KernelDimension[] dims, TrialRecord trial)
    {
        var parameters = trial.InternalParams;
        foreach (var dim in dims)
        {
            if (!parameters.ContainsKey(dim.Name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Fills <paramref name="observations"/> with the kernel-space positions of <paramref name="keys"/>:
    /// usable trial numbers, or ~i for the running trial <paramref name="running"/>[i]. Column by column.
    /// </summary>
    private static void Fill(Observations observations, KernelDimension[] dims, ParamColumn?[] columns, ReadOnlySpan<int> keys, IReadOnlyList<TrialRecord> running)
    {
        var n = keys.Length;
        observations.SetCount(n);
        var trials = observations.Trials;
        for (var i = 0; i < n; i++)
        {
            trials[i] = keys[i] >= 0 ? keys[i] : -1;
        }

        for (var j = 0; j < dims.Length; j++)
        {
            var target = observations.Values[j];
            var source = dims[j].Log ? columns[j]?.Logs : columns[j]?.Values;
            for (var i = 0; i < n; i++)
            {
                var key = keys[i];
                target[i] = key >= 0 ? source![key] : dims[j].ToKernel(running[~key].InternalParams[dims[j].Name]);
            }
        }
    }

    /// <summary>
    /// For each numerical dimension, the observation indices in ascending order of position (pooled
    /// arrays, first n entries), read off the column's value order (which is kept sorted as trials
    /// finish) instead of sorting; running trials are merged in.
    /// </summary>
    private static int[]?[] ValueOrders(Observations observations, KernelDimension[] dims, ParamColumn?[] columns, int trialCount)
    {
        var n = observations.Count;
        var orders = new int[]?[dims.Length];
        var indexOf = Pooled.Rent<int>(trialCount);
        Array.Clear(indexOf, 0, trialCount);
        var runningIndices = new List<int>();
        var trials = observations.Trials;
        for (var i = 0; i < n; i++)
        {
            if (trials[i] >= 0)
            {
                indexOf[trials[i]] = i + 1;
            }
            else
            {
                runningIndices.Add(i);
            }
        }

        for (var j = 0; j < dims.Length; j++)
        {
            if (dims[j].Kind == KernelKind.Categorical || columns[j] is not { } column)
            {
                continue;
            }

            var values = observations.Values[j];
            runningIndices.Sort((x, y) => values[x].CompareTo(values[y]));
            var order = Pooled.Rent<int>(n);
            var at = 0;
            var r = 0;
            foreach (var t in column.ByValue)
            {
                var i = t < trialCount ? indexOf[t] - 1 : -1;
                if (i < 0)
                {
                    continue;
                }

                while (r < runningIndices.Count && values[runningIndices[r]] < values[i])
                {
                    order[at++] = runningIndices[r++];
                }

                order[at++] = i;
            }

            while (r < runningIndices.Count)
            {
                order[at++] = runningIndices[r++];
            }

            if (at == n)
            {
                orders[j] = order;
            }
            else
            {
                Pooled.Return(order);
            }
        }

        Pooled.Return(indexOf);
        return orders;
    }

    private void SetWeights(Span<double> weights)
    {
        if (defaultWeights)
        {
            FillDefaultWeights(weights);
            return;
        }

        var n = weights.Length;
        var custom = options.Weights(n);
        if (custom is null || custom.Length < n)
        {
            throw new InvalidOperationException($"The TPE weights function returned {custom?.Length ?? 0} weights for {n} observations.");
        }

        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (!(custom[i] >= 0) || !double.IsFinite(custom[i]))
            {
                throw new InvalidOperationException($"The TPE weights function returned {custom[i]} for {n} observations; weights must be finite and >= 0.");
            }

            weights[i] = custom[i];
            sum += custom[i];
        }

        if (n > 0 && sum <= 0)
        {
            throw new InvalidOperationException($"The TPE weights function returned all zeros for {n} observations.");
        }
    }
}

