using Attune.MultiObjective;

namespace Attune.Visualization;

/// <summary>The Pareto front plot.</summary>
public static partial class Plots
{
    /// <summary>
    /// The complete trials of a multi-objective study in objective space (two or three objectives): the
    /// Pareto-optimal trials in red (<c>Best Trial</c>), the others coloured by trial number (<c>Trial</c>),
    /// and infeasible trials in grey (<c>Infeasible Trial</c>). Three objectives make a 3D panel.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="objectives">The indices of the two or three objectives to plot; default all objectives (the study must have two or three).</param>
    /// <param name="targetNames">Axis titles, one per plotted objective; default <c>Objective 0</c>, <c>Objective 1</c>, ….</param>
    /// <param name="includeDominated">Whether to draw the trials off the front. Default <see langword="true"/>.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentException">Not two or three objectives are plotted, an index is out of range, or the names do not match them.</exception>
    public static Figure ParetoFront(
        Study study, IReadOnlyList<int>? objectives = null, IReadOnlyList<string>? targetNames = null, bool includeDominated = true)
    {
        ArgumentNullException.ThrowIfNull(study);
        var axes = objectives ?? [.. Enumerable.Range(0, study.Directions.Count)];
        if (axes.Count is not (2 or 3))
        {
            throw new ArgumentException(
                $"A Pareto front plot shows two or three objectives, but {axes.Count} were selected; pass objectives: [0, 1] to choose.", nameof(objectives));
        }

        foreach (var k in axes)
        {
            if (k < 0 || k >= study.Directions.Count)
            {
                throw new ArgumentException($"Objective index {k} is out of range; the study has {study.Directions.Count} objectives.", nameof(objectives));
            }
        }

        var names = targetNames ?? [.. axes.Select(k => $"Objective {k}")];
        if (names.Count != axes.Count)
        {
            throw new ArgumentException($"{names.Count} target names were given for {axes.Count} objectives.", nameof(targetNames));
        }

        var feasible = new List<TrialRecord>();
        var infeasible = new List<TrialRecord>();
        foreach (var trial in study.Trials)
        {
            if (trial.State == TrialState.Complete && trial.Values is { } v && v.Count == study.Directions.Count && axes.All(k => double.IsFinite(v[k])))
            {
                (Study.IsFeasible(trial) ? feasible : infeasible).Add(trial);
            }
        }

        var points = feasible.Select(t => axes.Select(k => study.Directions[k] == StudyDirection.Maximize ? -t.Values![k] : t.Values![k]).ToArray()).ToList();
        var front = points.Count == 0 ? [] : Attune.MultiObjective.ParetoFront.ParetoFrontIndices(points);
        var onFront = new HashSet<int>(front);
        var best = front.Select(i => feasible[i]).ToList();
        var rest = feasible.Where((_, i) => !onFront.Contains(i)).ToList();

        var series = new List<Series>();
        if (includeDominated)
        {
            series.Add(ParetoSeries("Trial", rest, axes, Palette.Blue) with { ColorValues = [.. rest.Select(t => (double)t.Number)], ColorTitle = "Trial" });
        }

        series.Add(ParetoSeries("Best Trial", best, axes, Palette.Red));
        if (infeasible.Count > 0)
        {
            series.Add(ParetoSeries("Infeasible Trial", infeasible, axes, Palette.Grey));
        }

        var panel = new Panel(new Axis(names[0]), new Axis(names[1]), series) { Z = axes.Count == 3 ? new Axis(names[2]) : null };
        return new Figure("pareto-front", "Pareto-front Plot", [panel]);
    }

    private static ScatterSeries ParetoSeries(string name, List<TrialRecord> trials, IReadOnlyList<int> axes, string color) =>
        new(name, [.. trials.Select(t => t.Values![axes[0]])], [.. trials.Select(t => t.Values![axes[1]])])
        {
            Z = axes.Count == 3 ? [.. trials.Select(t => t.Values![axes[2]])] : null,
            Color = color,
            HoverText = [.. trials.Select(t => Targets.Hover(t) + "<br>values: [" + string.Join(", ", t.Values!.Select(Targets.Format)) + "]")],
        };
}
