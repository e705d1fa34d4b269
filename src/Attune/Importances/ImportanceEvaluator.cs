namespace Attune.Importances;

/// <summary>
/// Measures how much each parameter accounts for the variation of a study's objective. Derived
/// evaluators: <see cref="PedAnovaImportanceEvaluator"/>, <see cref="FanovaImportanceEvaluator"/> and
/// <see cref="MeanDecreaseImpurityImportanceEvaluator"/>.
/// </summary>
/// <remarks>
/// Only complete trials with a finite target are used. A parameter that some trials lack (a
/// conditional parameter) is still evaluated: a trial without it counts as having a separate
/// "missing" value, so the importance of the branch a trial took shows up on the parameters that
/// decide it and on the branch's own parameters.
/// </remarks>
public abstract class ImportanceEvaluator
{
    private protected ImportanceEvaluator()
    {
    }

    /// <summary>The importance of each parameter.</summary>
    /// <param name="study">The study.</param>
    /// <param name="parameters">The parameters to evaluate. Default <see langword="null"/>: every parameter of the evaluated trials.</param>
    /// <param name="target">
    /// The value to explain for each complete trial. Default <see langword="null"/>: the objective value;
    /// a study with several objectives needs a target (e.g. <c>t =&gt; t.Values![1]</c>).
    /// </param>
    /// <returns>
    /// Importance by parameter name in descending order of importance (ties in ordinal order of the name),
    /// each in [0, 1] and summing to 1 (all 0 when nothing varies, e.g. a constant target).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The study has no complete trial (with a finite target); it has several objectives and no
    /// <paramref name="target"/> is given; a name in <paramref name="parameters"/> is in no evaluated trial
    /// or is listed twice; or a parameter is categorical in some trials and numerical in others.
    /// </exception>
    public IReadOnlyDictionary<string, double> Evaluate(Study study, IReadOnlyList<string>? parameters = null, Func<TrialRecord, double>? target = null)
    {
        var data = ImportanceData.Collect(study, parameters, target, TargetDirection);
        var raw = data.Columns.Count == 0 ? [] : Compute(data);
        return Ranked(data.Columns, raw);
    }

    /// <summary>The direction of the target, when the evaluator cares about it.</summary>
    private protected virtual StudyDirection? TargetDirection => null;

    /// <summary>The unnormalized importance of each column (not negative).</summary>
    private protected abstract double[] Compute(ImportanceData data);

    private static OrderedDictionary<string, double> Ranked(IReadOnlyList<ParameterColumn> columns, double[] raw)
    {
        var total = 0.0;
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = double.IsFinite(raw[i]) && raw[i] > 0 ? raw[i] : 0;
            total += raw[i];
        }

        var order = Enumerable.Range(0, columns.Count)
            .OrderByDescending(i => raw[i])
            .ThenBy(i => columns[i].Name, StringComparer.Ordinal);
        var result = new OrderedDictionary<string, double>(columns.Count, StringComparer.Ordinal);
        foreach (var i in order)
        {
            result.Add(columns[i].Name, total > 0 ? raw[i] / total : 0);
        }

        return result;
    }
}
