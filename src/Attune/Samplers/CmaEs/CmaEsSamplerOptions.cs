namespace Attune.Samplers;

/// <summary>Options of <see cref="CmaEsSampler"/>.</summary>
/// <remarks>
/// The options that shape the search (<see cref="Sigma0"/>, <see cref="X0"/>, <see cref="PopulationSize"/>,
/// <see cref="RestartStrategy"/>, <see cref="IncPopSize"/>, <see cref="UseSeparableCma"/>,
/// <see cref="WithMargin"/>, <see cref="LrAdapt"/>, <see cref="OrthogonalSampling"/>, <see cref="SourceTrials"/>, <see cref="Seed"/>) take
/// effect when the sampler creates the study's CMA-ES state, at the first trial that can be sampled
/// jointly. From then on the state kept in the study decides, so that every worker, in any process,
/// follows one search; a sampler whose options differ logs a warning and follows the study.
/// </remarks>
public sealed record CmaEsSamplerOptions
{
    /// <summary>
    /// The initial step size, in the normalised space where every parameter spans [0, 1]. Restarts
    /// start from it too (BIPOP's small-population restarts from a random fraction of it).
    /// </summary>
    /// <value>
    /// Default <see langword="null"/>: 1/6, Optuna's <c>min_range / 6</c> in the normalised space (the
    /// initial distribution reaches the bounds at three standard deviations from the centre), or the
    /// warm-start estimate with <see cref="SourceTrials"/>. Must be a finite number &gt; 0.
    /// </value>
    public double? Sigma0 { get; init; }

    /// <summary>The initial mean, as parameter values by name (the values the objective sees).</summary>
    /// <value>
    /// Default <see langword="null"/>: the centre of the space (in log space for log parameters). A
    /// parameter missing from the dictionary starts at its centre; a value outside its distribution fails
    /// the trial that creates the state.
    /// </value>
    public IReadOnlyDictionary<string, object?>? X0 { get; init; }

    /// <summary>The population size λ: the number of trials per generation.</summary>
    /// <value>Default <see langword="null"/>: 4 + ⌊3 ln n⌋ for n parameters (10 for 10 parameters). Must be at least 2.</value>
    public int? PopulationSize { get; init; }

    /// <summary>What to do when a run has converged or stalled.</summary>
    /// <value>Default <see cref="CmaRestartStrategy.None"/>.</value>
    public CmaRestartStrategy RestartStrategy { get; init; } = CmaRestartStrategy.None;

    /// <summary>The factor by which a restart with a larger population multiplies it (IPOP, and BIPOP's large regime).</summary>
    /// <value>Default 2. Must be at least 1.</value>
    public int IncPopSize { get; init; } = 2;

    /// <summary>
    /// Orthogonal sampling (Wang, Emmerich and Bäck, 2014): the standard normal vectors of a generation
    /// are made mutually orthogonal (in blocks of n) while keeping their lengths, so each candidate is
    /// still distributed as N(m, σ²C) but the population covers more directions. On the public benchmark
    /// suite it lowers the median regret at 300 trials on five of the six continuous functions, by 12–49 %,
    /// and leaves hartmann6 within noise (30 seeds; see docs/samplers.md). Redrawn candidates (after a
    /// failed trial) and overflow trials are drawn independently.
    /// </summary>
    /// <value>Default <see langword="true"/>; <see langword="false"/> samples independently, as Optuna does.</value>
    public bool OrthogonalSampling { get; init; } = true;

    /// <summary>
    /// Learn a diagonal covariance matrix only (sep-CMA-ES, Ros and Hansen 2008): n variances instead of
    /// n(n + 1)/2 entries, learned faster. Better when parameters hardly interact or n is large; worse when
    /// the good region is a rotated, elongated valley.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool UseSeparableCma { get; init; }

    /// <summary>
    /// CMA-ES with margin (Hamano et al., GECCO 2022) for integer parameters and floats with a step: keeps
    /// a probability of at least 1/(n·λ) that each such parameter leaves its current value, so the search
    /// does not freeze on fixed values once the step size is below one step.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool WithMargin { get; init; }

    /// <summary>
    /// Learning-rate adaptation (Nomura, Akimoto and Ono, GECCO 2023): lowers the learning rates when the
    /// updates are noisy, which helps on multimodal and noisy objectives at the price of slower convergence
    /// on easy ones. Cannot be combined with <see cref="UseSeparableCma"/>.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool LrAdapt { get; init; }

    /// <summary>
    /// Trials of an earlier, similar study to warm-start from (WS-CMA-ES, Nomura et al., AAAI 2021): the
    /// initial mean, step size and covariance are those of a mixture of Gaussians on the best 10 % of the
    /// source trials that have every parameter of the search space. Values are compared in this study's
    /// direction. Cannot be combined with <see cref="X0"/> or <see cref="Sigma0"/>.
    /// </summary>
    /// <value>Default <see langword="null"/>: no warm start.</value>
    public IReadOnlyList<TrialRecord>? SourceTrials { get; init; }

    /// <summary>
    /// Use pruned trials that reported an intermediate value as evaluated, with their last reported value;
    /// without it a pruned trial's candidate is drawn again. Suits pruners that stop trials at comparable
    /// steps (e.g. Hyperband); with a median pruner it can mislead the search.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ConsiderPrunedTrials { get; init; }

    /// <summary>The seed of every CMA-ES sample and restart, and of the default <see cref="IndependentSampler"/>.</summary>
    /// <value>
    /// Default <see langword="null"/>: a seed from the operating system's entropy. The seed is recorded in
    /// the study's CMA-ES state, so every worker and a resumed study draw the same candidates.
    /// </value>
    public int? Seed { get; init; }

    /// <summary>
    /// The sampler for categorical parameters, parameters outside the search space (conditional ones, or
    /// ones whose range changes) and every parameter of the trials that start before any trial has finished.
    /// </summary>
    /// <value>Default <see langword="null"/>: a <see cref="RandomSampler"/> with the same <see cref="Seed"/>.</value>
    public Sampler? IndependentSampler { get; init; }

    /// <summary>Log a warning (once per parameter and study) when a parameter is sampled by <see cref="IndependentSampler"/> after the CMA-ES state was created.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool WarnIndependentSampling { get; init; } = true;
}
