namespace Attune.Samplers;

/// <summary>Options of <see cref="TpeSampler"/>. Invalid values are rejected when the sampler is created.</summary>
public sealed record TpeSamplerOptions
{
    /// <summary>The seed. A seeded sampler gives the same trials for the same study history, with one worker or many.</summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy.</value>
    public int? Seed { get; init; }

    /// <summary>
    /// Model the parameters jointly (one mixture of product kernels over the search space that every
    /// finished trial shares) instead of one parameter at a time. Parameters outside that space are
    /// sampled univariately.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Multivariate { get; init; } = true;

    /// <summary>
    /// With <see cref="Multivariate"/>, split the search space into groups of parameters that always
    /// appear together (<see cref="GroupDecomposedSearchSpace"/>) and model each group jointly over the
    /// trials that have it, so conditional (tree-structured) spaces are modelled per branch.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool Group { get; init; }

    /// <summary>
    /// Count running trials as bad ("above") observations, so that parallel workers do not propose
    /// nearly the same point.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ConstantLiar { get; init; } = true;

    /// <summary>The number of finished (complete or pruned) trials sampled at random before TPE takes over.</summary>
    /// <value>Default 10.</value>
    public int StartupTrials { get; init; } = 10;

    /// <summary>The number of candidates drawn from the good-trials density; the one with the best density ratio is proposed.</summary>
    /// <value>Default 24.</value>
    public int EiCandidates { get; init; } = 24;

    /// <summary>The size of the good ("below") set for n finished trials.</summary>
    /// <value>Default <see cref="TpeSampler.DefaultGamma"/>: min(⌈0.1·n⌉, 25).</value>
    public Func<int, int> Gamma { get; init; } = TpeSampler.DefaultGamma;

    /// <summary>The weights of n observations in trial-number order (oldest first); finite, non-negative, not all zero.</summary>
    /// <value>Default <see cref="TpeSampler.DefaultWeights"/>: 1 for the newest 25, a linear ramp from 1/n up for the older ones.</value>
    public Func<int, double[]> Weights { get; init; } = TpeSampler.DefaultWeights;

    /// <summary>The weight of the prior kernel (a wide kernel at the centre of each range, uniform over categorical choices), &gt; 0.</summary>
    /// <value>Default 1.0.</value>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>Keep kernel bandwidths at least range/min(100, kernels + 1), so a few close observations cannot collapse the density.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ConsiderMagicClip { get; init; } = true;

    /// <summary>
    /// In the joint (<see cref="Multivariate"/>) model, the factor applied to the bandwidths of the good-trials density
    /// l(x) after clipping, in (0, 1]. Below 1, the candidates drawn from l stay closer to the good trials, and l(x)/g(x)
    /// rewards points close to one of them. With one objective, 0.3 found lower regret than 1 (the bandwidths Optuna
    /// uses) at 100 and 300 trials on seven of the eight single-objective functions of the benchmark suite, and
    /// the same on the eighth (docs/samplers.md). With several objectives the good set is a Pareto front to spread along, and narrower
    /// kernels lost hypervolume on ZDT1 and ZDT2, so the default there is 1. Univariate sampling is unaffected.
    /// </summary>
    /// <value>Default <see langword="null"/>: 0.3 with one objective, 1 with several.</value>
    public double? GoodBandwidthFactor { get; init; }

    /// <summary>
    /// In the joint (<see cref="Multivariate"/>) model, the share of the good-trials density l(x) that is the product of
    /// its marginals, in [0, 1]; the rest is the joint mixture. A candidate drawn from the product takes each coordinate
    /// from a good trial of its own, recombining what different good trials got right, as univariate TPE does, while
    /// the bad density g stays joint. With one objective, 0.75 lowered the mean final regret on the lcbench surrogate
    /// from 0.0215 to 0.0062 (30 seeds) and kept the median regret below Optuna 3.1's better TPE on all eight
    /// benchmark functions at 100 and 300 trials (docs/samplers.md). 1 (the product alone) lost Hartmann6 at 300 trials.
    /// </summary>
    /// <value>Default <see langword="null"/>: 0.75 with one objective, 0 with several.</value>
    public double? Recombination { get; init; }

    /// <summary>In univariate bandwidths, let the outermost observations' bandwidths reach to the range's ends (as the original TPE paper).</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ConsiderEndpoints { get; init; }

    /// <summary>
    /// Constraint values of a finished trial (c-TPE): the trial is feasible when every value is ≤ 0.
    /// The sampler stores them in the trial's system attribute <see cref="Study.ConstraintsKey"/>;
    /// infeasible trials are ranked after every feasible one, by their total violation.
    /// </summary>
    /// <value>Default <see langword="null"/>: no constraints.</value>
    public Func<TrialRecord, double[]>? Constraints { get; init; }

    /// <summary>
    /// With warm starting (<see cref="StudyOptions.WarmStartFrom"/>), the weight of the model of the source trials in the
    /// mixture with this study's own model right after the startup trials. During startup the source model alone
    /// proposes (instead of random sampling); afterwards its weight decays as described at <see cref="WarmStartDecayTrials"/>.
    /// 0 turns warm starting off for this sampler.
    /// </summary>
    /// <value>Default 0.5. Must lie in [0, 1].</value>
    public double WarmStartWeight { get; init; } = 0.5;

    /// <summary>
    /// How fast the source model's weight decays: after n trials beyond startup it is
    /// <see cref="WarmStartWeight"/>·D/(D + n) with D this value, i.e. half the initial weight after D trials.
    /// </summary>
    /// <value>Default 5. Must be at least 1.</value>
    public int WarmStartDecayTrials { get; init; } = 5;
}
