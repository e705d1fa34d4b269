using System.Globalization;
using Attune.Importances;

namespace Attune.Visualization;

/// <summary>The parameter importance plot.</summary>
public static partial class Plots
{
    /// <summary>
    /// Horizontal bars of the importances of a study's parameters, the most important at the top, each labelled
    /// with its value: <see cref="Importance.Evaluate"/> followed by <see cref="ParamImportances(IReadOnlyDictionary{string, double}, string)"/>.
    /// </summary>
    /// <param name="study">The study; its complete trials with a finite target are evaluated.</param>
    /// <param name="evaluator">The evaluator. Default <see langword="null"/>: a <see cref="PedAnovaImportanceEvaluator"/> with its default options.</param>
    /// <param name="parameters">The parameters to evaluate. Default <see langword="null"/>: every parameter of the evaluated trials.</param>
    /// <param name="target">
    /// The value the importances explain. Default <see langword="null"/>: the study's objective. A study with several
    /// objectives needs one (e.g. <c>t =&gt; t.Values![1]</c>); draw one figure per objective to compare them.
    /// </param>
    /// <param name="targetName">The name of the value the importances explain; default <c>Objective Value</c>.</param>
    /// <returns>The figure: one panel with one horizontal <see cref="BarSeries"/> on a category axis of the parameter names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// As <see cref="Importance.Evaluate"/>: the study has no complete trial with a finite target, it has several
    /// objectives and no <paramref name="target"/> is given, or a name in <paramref name="parameters"/> is unknown or repeated.
    /// </exception>
    public static Figure ParamImportances(
        Study study,
        ImportanceEvaluator? evaluator = null,
        IReadOnlyList<string>? parameters = null,
        Func<TrialRecord, double>? target = null,
        string targetName = Targets.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(study);
        return ParamImportances(Importance.Evaluate(study, evaluator, parameters, target), targetName);
    }

    /// <summary>
    /// Horizontal bars of parameter importances, the most important at the top, each labelled with its value.
    /// The importances are an input (from an importance evaluator, or your own).
    /// </summary>
    /// <param name="importances">Importance by parameter name; finite and not negative.</param>
    /// <param name="targetName">The name of the value the importances explain; default <c>Objective Value</c>.</param>
    /// <returns>The figure: one panel with one horizontal <see cref="BarSeries"/> on a category axis of the parameter names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="importances"/> is null.</exception>
    /// <exception cref="ArgumentException">An importance is negative, NaN or infinite.</exception>
    public static Figure ParamImportances(IReadOnlyDictionary<string, double> importances, string targetName = Targets.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(importances);
        foreach (var (name, importance) in importances)
        {
            if (!double.IsFinite(importance) || importance < 0)
            {
                throw new ArgumentException(
                    $"The importance of '{name}' is {importance.ToString(CultureInfo.InvariantCulture)}; importances must be finite and >= 0.", nameof(importances));
            }
        }

        var ordered = importances.OrderBy(p => p.Value).ThenByDescending(p => p.Key, StringComparer.Ordinal).ToList();
        var names = ordered.Select(p => p.Key).ToList();
        var values = ordered.Select(p => p.Value).ToArray();
        var bars = new BarSeries(targetName, [.. Enumerable.Range(0, names.Count).Select(i => (double)i)], values)
        {
            Horizontal = true,
            Labels = [.. values.Select(v => v < 0.01 ? "<0.01" : v.ToString("0.00", CultureInfo.InvariantCulture))],
            HoverText = [.. ordered.Select(p => $"{p.Key}: {p.Value.ToString("G4", CultureInfo.InvariantCulture)}")],
            ShowInLegend = false,
        };
        var panel = new Panel(
            new Axis($"Hyperparameter Importance ({targetName})"),
            new Axis("Hyperparameter") { Type = AxisType.Category, Categories = names },
            [bars]);
        return new Figure("param-importances", "Hyperparameter Importances", [panel]) { ShowLegend = false };
    }
}
