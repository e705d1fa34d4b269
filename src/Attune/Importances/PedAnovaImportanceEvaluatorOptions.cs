namespace Attune.Importances;

/// <summary>Options of <see cref="PedAnovaImportanceEvaluator"/>. The evaluator is deterministic, so it has no seed.</summary>
public sealed record PedAnovaImportanceEvaluatorOptions
{
    /// <summary>The fraction of best trials (the "top quantile" γ′) whose distribution of each parameter is compared with the baseline.</summary>
    /// <value>Default 0.1 (as Optuna). At least one trial is always in the top set.</value>
    /// <exception cref="ArgumentException">Not in (0, 1] (thrown by the evaluator's constructor).</exception>
    public double BaselineQuantile { get; init; } = 0.1;

    /// <summary>
    /// Whether the baseline is the distribution of all evaluated trials (local importance: what matters to
    /// get from the trials seen to the best ones) rather than the uniform distribution over the search space
    /// (global importance).
    /// </summary>
    /// <value>Default <see langword="true"/> (as Optuna).</value>
    public bool EvaluateOnLocal { get; init; } = true;

    /// <summary>
    /// Whether low or high targets are the good ones. A custom target of a multi-objective study has no
    /// direction of its own; set this when it should be maximized.
    /// </summary>
    /// <value>Default <see langword="null"/>: the study's direction, or minimize for a study with several objectives.</value>
    public StudyDirection? TargetDirection { get; init; }
}
