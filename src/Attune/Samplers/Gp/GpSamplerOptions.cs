namespace Attune.Samplers;

/// <summary>Options of <see cref="GpSampler"/>.</summary>
public sealed record GpSamplerOptions
{
    /// <summary>
    /// The seed of the sampler's randomness (the quasi-random starting points of the acquisition
    /// search, the roulette among them, the subsets of large fits) and of the default
    /// <see cref="IndependentSampler"/>. With a seed, a sequential study is reproducible.
    /// </summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy.</value>
    public int? Seed { get; init; }

    /// <summary>
    /// The number of complete trials before the Gaussian process takes over; until then
    /// <see cref="IndependentSampler"/> samples every parameter (relative sampling is delegated to it,
    /// so a <see cref="QmcSampler"/> gives quasi-random startup points).
    /// </summary>
    /// <value>Default 10. At least 1 complete trial is always needed.</value>
    /// <exception cref="ArgumentException">Negative (thrown by the <see cref="GpSampler"/> constructor).</exception>
    public int StartupTrials { get; init; } = 10;

    /// <summary>The sampler for the startup trials and for parameters outside the search space the complete trials share.</summary>
    /// <value>Default <see langword="null"/>: a <see cref="RandomSampler"/> with the same <see cref="Seed"/>.</value>
    public Sampler? IndependentSampler { get; init; }

    /// <summary>The acquisition function of a single-objective study. A study with several objectives always uses log expected hypervolume improvement.</summary>
    /// <value>Default <see cref="GpAcquisitionFunction.LogExpectedImprovement"/>.</value>
    public GpAcquisitionFunction Acquisition { get; init; } = GpAcquisitionFunction.LogExpectedImprovement;

    /// <summary>A fixed β for <see cref="GpAcquisitionFunction.UpperConfidenceBound"/> (in units of the standardized objective).</summary>
    /// <value>Default <see langword="null"/>: the GP-UCB schedule β_t = 2·log(d·t²·π²/(6·0.1))/5.</value>
    /// <exception cref="ArgumentException">Negative or not finite.</exception>
    public double? UcbBeta { get; init; }

    /// <summary>The number of quasi-random points added to the trials in the discretized set of <see cref="GpAcquisitionFunction.KnowledgeGradient"/>.</summary>
    /// <value>Default 128.</value>
    /// <exception cref="ArgumentException">Negative.</exception>
    public int KnowledgeGradientPoints { get; init; } = 128;

    /// <summary>The prior of the kernel hyperparameters.</summary>
    /// <value>Default <see cref="GpKernelPrior.Optuna"/>.</value>
    public GpKernelPrior KernelPrior { get; init; } = GpKernelPrior.Optuna;

    /// <summary>
    /// Warp objective values with a Yeo–Johnson power transformation fitted by maximum likelihood
    /// before standardizing them (as HEBO does): heavy tails of bad values are compressed and the
    /// good region stretched, so the GP models where the optimum is.
    /// </summary>
    /// <value>Default <see langword="true"/> (on the benchmark suite it lowers the regret on Rosenbrock, Styblinski–Tang, Ackley and Levy and costs nothing elsewhere; see docs/gp.md).</value>
    public bool WarpOutputs { get; init; } = true;

    /// <summary>Whether the objective is deterministic: the noise variance is then held at its minimum instead of being fitted.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool DeterministicObjective { get; init; }

    /// <summary>
    /// Constraint values of a finished trial: the trial is feasible when every value is ≤ 0. The
    /// sampler stores them in the trial's system attribute <see cref="Study.ConstraintsKey"/> when
    /// the trial completes (or is pruned), models each constraint with its own GP, and multiplies
    /// the acquisition by the probability of feasibility (constrained LogEI; with several
    /// objectives, constrained LogEHVI). Only <see cref="GpAcquisitionFunction.LogExpectedImprovement"/>
    /// and <see cref="GpAcquisitionFunction.ProbabilityOfImprovement"/> combine with constraints.
    /// </summary>
    /// <value>Default <see langword="null"/>: no constraints.</value>
    public Func<TrialRecord, double[]>? Constraints { get; init; }

    /// <summary>How running trials are treated, so that parallel workers spread out.</summary>
    /// <value>Default <see cref="GpPendingTrials.KrigingBeliever"/>.</value>
    public GpPendingTrials PendingTrials { get; init; } = GpPendingTrials.KrigingBeliever;

    /// <summary>The number of scrambled Sobol points at which the acquisition function is evaluated before the local searches.</summary>
    /// <value>Default 2048 (as Optuna).</value>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public int CandidatePoints { get; init; } = 2048;

    /// <summary>The number of local searches (L-BFGS-B on continuous parameters, discrete search on the others) per trial, from the best candidate, the best trial and candidates drawn by a roulette.</summary>
    /// <value>Default 10 (as Optuna).</value>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public int LocalSearches { get; init; } = 10;

    /// <summary>
    /// How often the kernel hyperparameters are refit by MAP: when the number of complete trials has
    /// grown by this fraction since the last fit (and by at least one trial). In between, new
    /// trials are added to the model in O(n²) each with the last hyperparameters. 0 refits every trial.
    /// </summary>
    /// <value>Default 0.02: every trial up to 99 trials, every 2nd up to 149, every 4th at 200, every 20th at 1,000.</value>
    /// <exception cref="ArgumentException">Negative or not finite.</exception>
    public double RefitFraction { get; init; } = 0.02;

    /// <summary>
    /// The largest number of trials a hyperparameter fit uses; with more, it uses a random subset of
    /// this size (a fit costs O(n³) per step). The model itself always conditions on every trial.
    /// </summary>
    /// <value>Default 400.</value>
    /// <exception cref="ArgumentException">Less than 2.</exception>
    public int MaxFitTrials { get; init; } = 400;

    /// <summary>Log a warning (once per parameter and study) when a parameter is sampled by <see cref="IndependentSampler"/> after the startup trials.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool WarnIndependentSampling { get; init; } = true;

    /// <summary>
    /// With warm starting (<see cref="StudyOptions.WarmStartFrom"/>), the noise variance (in units of the standardized
    /// objective) added to each warm-start observation, which join the study's own trials in the model: small trusts
    /// them, large lets them barely matter. It grows as described at <see cref="WarmStartDecayTrials"/>. With warm-start
    /// trials the model proposes from the first trial instead of after <see cref="StartupTrials"/>.
    /// </summary>
    /// <value>Default 0.1. Must be finite and &gt; 0.</value>
    /// <exception cref="ArgumentException">Not finite or not positive.</exception>
    public double WarmStartNoise { get; init; } = 0.1;

    /// <summary>How fast warm-start observations fade: with n complete trials their extra noise is <see cref="WarmStartNoise"/>·(1 + n/D), D this value.</summary>
    /// <value>Default 10. Must be at least 1.</value>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public int WarmStartDecayTrials { get; init; } = 10;
}
