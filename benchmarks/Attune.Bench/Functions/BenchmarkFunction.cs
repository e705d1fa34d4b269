namespace Attune.Bench.Functions;

/// <summary>
/// One benchmark problem from the PUBLIC set (shared/bench/FUNCTIONS.md): its search space, suggested
/// on a <see cref="Trial"/> in the documented order with the documented names and kinds, and its known
/// optimum. Every objective is minimized.
/// </summary>
public abstract class BenchmarkFunction
{
    /// <summary>The function's id in FUNCTIONS.md and in the Optuna reference tables, e.g. <c>branin</c>.</summary>
    public abstract string Id { get; }

    /// <summary>How many values <see cref="Evaluate"/> returns.</summary>
    public virtual int ObjectiveCount => 1;

    /// <summary>Whether the function has several objectives (its score is a hypervolume gap).</summary>
    public bool IsMultiObjective => ObjectiveCount > 1;

    /// <summary>
    /// The known optimum f* of a single-objective function (simple regret = best value − f*);
    /// <see langword="null"/> for a multi-objective one.
    /// </summary>
    public virtual double? Optimum => null;

    /// <summary>HV* of the true Pareto front for <see cref="ReferencePoint"/>; <see langword="null"/> for a single objective.</summary>
    public virtual double? OptimalHypervolume => null;

    /// <summary>The hypervolume reference point (minimization); <see langword="null"/> for a single objective.</summary>
    public virtual IReadOnlyList<double>? ReferencePoint => null;

    /// <summary>The parameters at which the optimum is reached (one of them when there are several); <see langword="null"/> for a multi-objective function.</summary>
    public virtual IReadOnlyDictionary<string, object?>? OptimalParams => null;

    /// <summary>How many intermediate values a trial reports with <see cref="Trial.Report"/> (0: none).</summary>
    public virtual int IntermediateSteps => 0;

    /// <summary>A one-line description of the search space, for reports.</summary>
    public abstract string SpaceDescription { get; }

    /// <summary>The study directions: one <see cref="StudyDirection.Minimize"/> per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions => Enumerable.Repeat(StudyDirection.Minimize, ObjectiveCount).ToArray();

    /// <summary>
    /// Suggests the parameters on <paramref name="trial"/> (in the documented order) and returns the
    /// objective value(s), <see cref="ObjectiveCount"/> of them.
    /// </summary>
    /// <param name="trial">The running trial.</param>
    /// <returns>The objective values.</returns>
    public abstract double[] Evaluate(Trial trial);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
