using System.Globalization;
using System.Runtime.CompilerServices;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Bayesian optimization with a Gaussian process: after <see cref="GpSamplerOptions.StartupTrials"/>
/// trials it models the objective with a GP and samples where an acquisition function — log
/// expected improvement by default — is largest. Sample-efficient on continuous and mixed spaces of
/// up to a few dozen parameters and budgets of tens to a few thousand trials; each trial costs
/// milliseconds to a fraction of a second, which pays when the objective is expensive.
/// </summary>
/// <remarks>
/// <para>
/// Model. Parameters map to [0, 1] (log parameters in log space; ints and stepped floats onto the
/// cell centres of their grid widened by half a step; categoricals by index, compared by equality),
/// objective values are standardized. The kernel is Matérn-5/2 with one lengthscale per parameter
/// (ARD), a scale and a noise variance, fitted by maximum a posteriori under
/// <see cref="GpSamplerOptions.KernelPrior"/> with our own L-BFGS-B, warm-started from the previous
/// fit. Hyperparameters are refit when the number of trials has grown by
/// <see cref="GpSamplerOptions.RefitFraction"/>; in between, new trials extend the Cholesky factor
/// by one row each (O(n²)), so the sampler stays fast at 1,000 trials and more.
/// </para>
/// <para>
/// Acquisition. Single objective: <see cref="GpSamplerOptions.Acquisition"/>. Several objectives: log
/// expected hypervolume improvement, exact by a box decomposition. With
/// <see cref="GpSamplerOptions.Constraints"/>, each constraint gets its own GP and the log
/// probability of feasibility is added. The acquisition is maximized from scrambled Sobol points by
/// L-BFGS-B on continuous parameters and a discrete search on the others. Running trials enter the
/// model as in <see cref="GpSamplerOptions.PendingTrials"/>; each trial's chosen point is stored in
/// its system attribute <see cref="RelativeParamsKey"/> so that workers in other processes see it
/// too. Within a process, sampling decisions of one study are made one at a time.
/// </para>
/// <para>
/// Search space: the parameters every complete trial has with the same distribution (single-valued
/// ones left out); others are sampled by <see cref="GpSamplerOptions.IndependentSampler"/>. The
/// models are a cache in memory: another process, or a resumed study, rebuilds them from the trials.
/// </para>
/// </remarks>
public sealed class GpSampler : Sampler
{
    /// <summary>The trial system attribute holding the point chosen for the trial: <c>{name: internal value}</c>.</summary>
    public const string RelativeParamsKey = "attune:gp:relative_params";

    private const ulong StreamKey = 0x47505F53414D504CUL; // "GP_SAMPL"

    private readonly GpSamplerOptions options;
    private readonly ulong seed;
    private readonly Sampler independentSampler;
    private readonly ConditionalWeakTable<Study, GpStudyState> states = [];

    /// <summary>Creates a sampler with the default options and a seed from the operating system's entropy.</summary>
    public GpSampler()
        : this(new GpSamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it and its value), or constraints are combined with an acquisition function that does not support them.</exception>
    public GpSampler(GpSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        this.options = options;
        seed = options.Seed is { } s ? (ulong)(uint)s : SeededRandom.EntropySeed();
        independentSampler = options.IndependentSampler ?? new RandomSampler(new RandomSamplerOptions { Seed = options.Seed });
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var state = states.GetValue(study, _ => new GpStudyState());
        var trials = study.Trials;
        var complete = 0;
        foreach (var t in trials)
        {
            if (t.State == TrialState.Complete)
            {
                complete++;
            }
        }

        if (CanWarmStart(study))
        {
            // Warm-start trials stand in for the startup trials.
            return complete > 0 ? IntersectionSpace(trials) : IntersectionSpace(study.WarmStartTrials);
        }

        if (complete < Math.Max(1, options.StartupTrials))
        {
            var delegated = independentSampler.InferRelativeSearchSpace(study, trial);
            if (delegated.Count > 0)
            {
                state.Startup[trial.Number] = 0;
            }

            return delegated;
        }

        return IntersectionSpace(trials);
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SampleRelative(
        Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var state = states.GetValue(study, _ => new GpStudyState());
        if (state.Startup.TryRemove(trial.Number, out _))
        {
            return independentSampler.SampleRelative(study, trial, searchSpace);
        }

        if (searchSpace.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        lock (state.Gate)
        {
            var encoding = new GpSearchSpace(searchSpace);
            var data = GpTrainingData.Collect(study.Trials, encoding, study.Directions, options.Constraints is not null, trial.Number);
            Func<int, double>? warmStartNoise = null;
            if (CanWarmStart(study))
            {
                warmStartNoise = GpWarmStart.Noise(options, data.Count);
                data = GpWarmStart.Augment(data, study.WarmStartTrials, study.Direction);
            }

            if (data.Count == 0)
            {
                return new Dictionary<string, double>();
            }

            var rng = SeededRandom.For(SeededRandom.Derive(seed, (ulong)trial.Number), StreamKey);
            var point = new GpProposal(options, state, seed, study.Logger) { WarmStartNoise = warmStartNoise }.Choose(data, searchSpace, rng);
            var values = encoding.Decode(point);

            // Share the point with other workers (and processes) while the trial runs.
            var shared = new Dictionary<string, object?>(values.Count, StringComparer.Ordinal);
            foreach (var (name, value) in values)
            {
                shared[name] = value;
            }

            trial.SetSystemAttr(RelativeParamsKey, shared);
            return values;
        }
    }

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(name);
        if (options.WarnIndependentSampling
            && states.TryGetValue(study, out var state)
            && state.Space is not null
            && !state.Warned.ContainsKey(name)
            && state.Warned.TryAdd(name, 0))
        {
            GpLog.IndependentSampling(study.Logger, name, trial.Number, independentSampler.GetType().Name);
        }

        return independentSampler.SampleIndependent(study, trial, name, distribution);
    }

    /// <inheritdoc/>
    public override void BeforeTrial(Study study, Trial trial) => independentSampler.BeforeTrial(study, trial);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The constraints function returned <see langword="null"/> or a value that is not finite.</exception>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (options.Constraints is { } constraints && state is TrialState.Complete or TrialState.Pruned)
        {
            ConstraintValues.Record(trial, state, values, constraints, nameof(GpSampler));
        }

        independentSampler.AfterTrial(study, trial, state, values);
    }

    // Whether the study's warm-start trials join the model: single objective, no constraints.
    private bool CanWarmStart(Study study) =>
        study.WarmStartTrials.Count > 0 && study.Directions.Count == 1 && options.Constraints is null;

    // The parameters every complete trial has with the same distribution, leaving out single values.
    internal static Dictionary<string, Distribution> IntersectionSpace(IReadOnlyList<TrialRecord> trials)
    {
        Dictionary<string, Distribution>? space = null;
        foreach (var trial in trials)
        {
            if (trial.State != TrialState.Complete)
            {
                continue;
            }

            if (space is null)
            {
                space = new Dictionary<string, Distribution>(trial.Distributions, StringComparer.Ordinal);
                continue;
            }

            List<string>? drop = null;
            foreach (var (name, distribution) in space)
            {
                if (!trial.Distributions.TryGetValue(name, out var other) || !distribution.Equals(other))
                {
                    (drop ??= []).Add(name);
                }
            }

            if (drop is not null)
            {
                foreach (var name in drop)
                {
                    space.Remove(name);
                }
            }
        }

        space ??= new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var name in space.Where(p => p.Value.IsSingle).Select(p => p.Key).ToList())
        {
            space.Remove(name);
        }

        return space;
    }

    private static void Validate(GpSamplerOptions options)
    {
        if (options.StartupTrials < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"StartupTrials must be >= 0, but got {options.StartupTrials}."), nameof(options));
        }

        if (!Enum.IsDefined(options.Acquisition))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Acquisition {(int)options.Acquisition} is not a GpAcquisitionFunction."), nameof(options));
        }

        if (!Enum.IsDefined(options.KernelPrior))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"KernelPrior {(int)options.KernelPrior} is not a GpKernelPrior."), nameof(options));
        }

        if (!Enum.IsDefined(options.PendingTrials))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"PendingTrials {(int)options.PendingTrials} is not a GpPendingTrials."), nameof(options));
        }

        if (options.UcbBeta is { } beta && !(beta >= 0 && double.IsFinite(beta)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"UcbBeta must be a finite number >= 0, but got {beta}."), nameof(options));
        }

        if (options.KnowledgeGradientPoints < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"KnowledgeGradientPoints must be >= 0, but got {options.KnowledgeGradientPoints}."), nameof(options));
        }

        if (options.CandidatePoints < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"CandidatePoints must be >= 1, but got {options.CandidatePoints}."), nameof(options));
        }

        if (options.LocalSearches < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"LocalSearches must be >= 1, but got {options.LocalSearches}."), nameof(options));
        }

        if (!(options.RefitFraction >= 0 && double.IsFinite(options.RefitFraction)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"RefitFraction must be a finite number >= 0, but got {options.RefitFraction}."), nameof(options));
        }

        if (options.MaxFitTrials < 2)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"MaxFitTrials must be >= 2, but got {options.MaxFitTrials}."), nameof(options));
        }

        if (!(options.WarmStartNoise > 0) || !double.IsFinite(options.WarmStartNoise))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"WarmStartNoise must be a finite number > 0, but got {options.WarmStartNoise}."), nameof(options));
        }

        if (options.WarmStartDecayTrials < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"WarmStartDecayTrials must be >= 1, but got {options.WarmStartDecayTrials}."), nameof(options));
        }

        if (options.Constraints is not null
            && options.Acquisition is GpAcquisitionFunction.UpperConfidenceBound or GpAcquisitionFunction.KnowledgeGradient)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Constraints combine with LogExpectedImprovement or ProbabilityOfImprovement, not with Acquisition {options.Acquisition}."), nameof(options));
        }
    }
}
