namespace Attune.Samplers;

/// <summary>
/// NSGA-II (Deb, Pratap, Agarwal and Meyarivan, 2002), the elitist non-dominated sorting genetic
/// algorithm, for multi-objective (and single-objective) studies. Trials run in generations of
/// <see cref="NsgaSamplerOptions.PopulationSize"/>; the first generation is sampled independently, and
/// each later trial is a child of two parents chosen by binary tournaments (lower non-dominated rank
/// under constrained domination wins, then larger crowding distance) from the elite of the previous
/// generation, bred by <see cref="NsgaSamplerOptions.Crossover"/> and mutated. The elite keeps the best
/// fronts of the previous elite and the new generation, cutting the last front by crowding distance.
/// </summary>
/// <remarks>
/// <para>
/// Each trial records its generation in the system attribute <see cref="GenerationKey"/> and its
/// parents' numbers in <see cref="ParentsKey"/> (Optuna's names). When a generation has
/// <see cref="NsgaSamplerOptions.PopulationSize"/> complete trials and no lower-numbered trial that could
/// still join them is running, it closes: its first that many complete trials by number compete with
/// the previous elite, and the competitors and survivors are recorded in the study system attribute
/// <see cref="PopulationKeyPrefix"/> followed by the generation. Every worker, in every process and with
/// any seed, derives the same record from the storage (and adopts a recorded one), so all breed from the
/// same elite; complete trials of a closed generation that finish later (possible with parallel
/// workers) count for the study but do not breed. Closed generations are cached.
/// </para>
/// <para>
/// Only parameters that every complete trial has, with the same distribution, are bred; the others, and
/// everything in the first generation, come from <see cref="NsgaSamplerOptions.IndependentSampler"/>.
/// Constraint values in the trial system attribute <see cref="Study.ConstraintsKey"/> (written by
/// <see cref="NsgaSamplerOptions.Constraints"/> or by anything else) are honoured by constrained
/// domination: a feasible trial beats an infeasible one, and of two infeasible trials the one with the
/// smaller total violation wins. Thread-safe.
/// </para>
/// </remarks>
public sealed class NsgaIISampler : Sampler
{
    /// <summary>The trial system attribute holding the trial's generation (0 for the first).</summary>
    public const string GenerationKey = "nsga2:generation";

    /// <summary>The trial system attribute holding the numbers of the trial's parents.</summary>
    public const string ParentsKey = "nsga2:parents";

    /// <summary>The prefix of the study system attribute that records a closed generation: <c>{"version": 1, "members": [numbers], "elite": [numbers]}</c>.</summary>
    public const string PopulationKeyPrefix = "attune:nsga2:population:";

    private readonly NsgaEngine engine;

    /// <summary>Creates a sampler with the default options.</summary>
    public NsgaIISampler()
        : this(new NsgaIISamplerOptions())
    {
    }

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it, its value and what is allowed).</exception>
    public NsgaIISampler(NsgaIISamplerOptions options)
    {
        engine = new NsgaEngine(nameof(NsgaIISampler), "nsga2", options, CrowdingSurvival.Instance);
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, Trial trial) =>
        engine.InferRelativeSearchSpace(study);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SampleRelative(Study study, Trial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
        engine.SampleRelative(study, trial, searchSpace);

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, Trial trial, string name, Distribution distribution) =>
        engine.SampleIndependent(study, trial, name, distribution);

    /// <inheritdoc/>
    public override void BeforeTrial(Study study, Trial trial) => engine.BeforeTrial(study, trial);

    /// <inheritdoc/>
    public override void AfterTrial(Study study, Trial trial, TrialState state, IReadOnlyList<double>? values) =>
        engine.AfterTrial(study, trial, state, values);
}
