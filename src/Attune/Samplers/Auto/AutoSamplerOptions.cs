namespace Attune.Samplers;

/// <summary>Options of <see cref="AutoSampler"/>. Invalid values are rejected when the sampler is created.</summary>
public sealed record AutoSamplerOptions
{
    /// <summary>The seed of every sampler that <see cref="AutoSampler"/> delegates to.</summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy (drawn once, shared by the delegates).</value>
    public int? Seed { get; init; }

    /// <summary>The number of finished trials sampled at random before a model takes over.</summary>
    /// <value>Default 10 (the startup of <see cref="GpSampler"/> and <see cref="TpeSampler"/>).</value>
    public int StartupTrials { get; init; } = 10;

    /// <summary>
    /// How many complete trials a single-objective study whose parameters are all numerical runs with
    /// <see cref="GpSampler"/> before it continues with <see cref="CmaEsSampler"/>, warm-started from the
    /// trials so far: on the benchmark suite CMA-ES refines the Gaussian process's best region further at
    /// 300 trials, and it costs microseconds a trial instead of tens of milliseconds.
    /// </summary>
    /// <value>Default 200.</value>
    public int GaussianProcessTrials { get; init; } = 200;

    /// <summary>
    /// How many complete trials a single-objective study whose space CMA-ES does not model (categorical
    /// parameters, or <see cref="Constraints"/>) runs with <see cref="GpSampler"/> before it continues with
    /// <see cref="TpeSampler"/>, where a Gaussian-process trial costs about 0.2 s.
    /// </summary>
    /// <value>Default 1,000.</value>
    public int GaussianProcessMaxTrials { get; init; } = 1000;

    /// <summary>
    /// How many complete trials a multi-objective study runs with <see cref="TpeSampler"/> before it
    /// switches to <see cref="NsgaIISampler"/>. On ZDT and DTLZ, TPE leads at 300 trials and the two are
    /// level at 1,000 (TPE ahead on DTLZ2, NSGA-II on ZDT1); beyond, NSGA-II's generations pay off, at
    /// 0.1 ms a trial against TPE's few milliseconds. NSGA-II's first generation is random.
    /// </summary>
    /// <value>Default 1,000.</value>
    public int MultiObjectiveTpeTrials { get; init; } = 1000;

    /// <summary>
    /// Constraint values of a finished trial (feasible when every value is ≤ 0), handed to every sampler
    /// that models constraints. With constraints, the Gaussian process runs up to
    /// <see cref="GaussianProcessMaxTrials"/> and <see cref="TpeSampler"/> follows (CMA-ES does not model them).
    /// </summary>
    /// <value>Default <see langword="null"/>: no constraints.</value>
    public Func<TrialRecord, double[]>? Constraints { get; init; }
}
