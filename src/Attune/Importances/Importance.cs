namespace Attune.Importances;

/// <summary>Hyperparameter importance: which parameters account for how much of the objective's variation.</summary>
public static class Importance
{
    /// <summary>
    /// The importance of each parameter of a study, by <paramref name="evaluator"/>. See
    /// <see cref="ImportanceEvaluator.Evaluate"/> for the trials used and the form of the result.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="evaluator">The evaluator. Default <see langword="null"/>: a <see cref="PedAnovaImportanceEvaluator"/> with its default options (as Optuna 5).</param>
    /// <param name="parameters">The parameters to evaluate. Default <see langword="null"/>: every parameter of the evaluated trials.</param>
    /// <param name="target">The value to explain. Default <see langword="null"/>: the objective value; needed when the study has several objectives.</param>
    /// <returns>Importance by parameter name, most important first, summing to 1 (all 0 when nothing varies).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">As <see cref="ImportanceEvaluator.Evaluate"/>: no complete trial, several objectives without a target, an unknown or repeated parameter name.</exception>
    public static IReadOnlyDictionary<string, double> Evaluate(
        Study study,
        ImportanceEvaluator? evaluator = null,
        IReadOnlyList<string>? parameters = null,
        Func<TrialRecord, double>? target = null) =>
        (evaluator ?? new PedAnovaImportanceEvaluator()).Evaluate(study, parameters, target);
}
