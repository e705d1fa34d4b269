namespace Attune.Samplers;

/// <summary>The options that <see cref="NsgaIISamplerOptions"/> and <see cref="NsgaIIISamplerOptions"/> share.</summary>
public abstract record NsgaSamplerOptions
{
    /// <summary>The number of trials in a generation, and of survivors that breed the next one; &gt;= 2 and &gt;= the crossover's parent count.</summary>
    /// <value>Default 50.</value>
    public int PopulationSize { get; init; } = 50;

    /// <summary>The probability that a child is bred by <see cref="Crossover"/>; otherwise it copies one parent (chosen by tournament) before mutation. In [0, 1].</summary>
    /// <value>Default 1 (Optuna's default is 0.9, which measured slightly worse on ZDT and DTLZ; docs/multi-objective.md).</value>
    public double CrossoverProbability { get; init; } = 1.0;

    /// <summary>The probability of mutating each parameter of a child, in [0, 1].</summary>
    /// <value>Default <see langword="null"/>: 1 / (number of parameters of the search space).</value>
    public double? MutationProbability { get; init; }

    /// <summary>The probability of taking each categorical parameter from the second parent rather than the first, in [0, 1].</summary>
    /// <value>Default 0.5.</value>
    public double SwappingProbability { get; init; } = 0.5;

    /// <summary>The crossover for numerical parameters (categorical ones are always swapped uniformly with <see cref="SwappingProbability"/>).</summary>
    /// <value>
    /// Default <see langword="null"/>: a <see cref="UniformCrossover"/> with <see cref="SwappingProbability"/>, as in
    /// Optuna. With polynomial mutation it beat SBX, vSBX, BLX-α, UNDX and SPX on every ZDT and DTLZ problem
    /// measured (docs/multi-objective.md).
    /// </value>
    public ICrossover? Crossover { get; init; }

    /// <summary>
    /// How a numerical parameter chosen for mutation changes. <see langword="null"/> resamples it from
    /// <see cref="IndependentSampler"/>, as Optuna does. Categorical parameters are always resampled.
    /// </summary>
    /// <value>
    /// Default <see cref="PolynomialMutation"/> with η = 20, which measured better than resampling on ZDT1–4, ZDT6
    /// and DTLZ1–4 (docs/multi-objective.md).
    /// </value>
    public IMutation? Mutation { get; init; } = new PolynomialMutation();

    /// <summary>
    /// Computes a finished trial's constraint values (each &lt;= 0 when satisfied). Called for every
    /// trial that completes, before its state is stored, with the trial as it will be stored (its values
    /// included); the values go to the trial's system attribute <see cref="Study.ConstraintsKey"/>. The
    /// sampler honours that attribute on every trial, however it was written: feasible trials beat
    /// infeasible ones, and of two infeasible trials the one with the smaller sum of positive values wins.
    /// <see cref="Study.BestTrials"/> and <see cref="Study.BestTrial"/> return feasible trials only.
    /// </summary>
    /// <value>Default <see langword="null"/>: the sampler writes no constraints.</value>
    public Func<TrialRecord, IReadOnlyList<double>>? Constraints { get; init; }

    /// <summary>The seed. A seeded sampler run by one worker gives the same trials every time.</summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy.</value>
    public int? Seed { get; init; }

    /// <summary>The sampler for the first generation, for parameters outside the intersection search space, and for resampling mutations.</summary>
    /// <value>Default <see langword="null"/>: a <see cref="RandomSampler"/> with the same <see cref="Seed"/>.</value>
    public Sampler? IndependentSampler { get; init; }
}
