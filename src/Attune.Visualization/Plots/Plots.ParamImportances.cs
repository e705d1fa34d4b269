using System.Globalization;

namespace Attune.Visualization;

/// <summary>The parameter importance plot.</summary>
public static partial class Plots
{
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
