using System.Globalization;
using Attune.MultiObjective;

namespace Attune.Visualization;

/// <summary>The hypervolume history plot.</summary>
public static partial class Plots
{
    /// <summary>
    /// The hypervolume of the feasible complete trials up to each complete trial, against a reference point.
    /// Objectives to maximize are negated with their reference coordinate. The front is kept incrementally, so a
    /// trial that the front dominates costs one pass over the front.
    /// </summary>
    /// <param name="study">A study with at least two objectives.</param>
    /// <param name="referencePoint">The reference point, one finite value per objective (worse than every point that should count).</param>
    /// <returns>The figure: one panel with one line <see cref="ScatterSeries"/> named <c>Hypervolume</c>.</returns>
    /// <exception cref="ArgumentException">The study has one objective, or the reference point has the wrong length or is not finite.</exception>
    public static Figure HypervolumeHistory(Study study, IReadOnlyList<double> referencePoint)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(referencePoint);
        var m = study.Directions.Count;
        if (m < 2)
        {
            throw new ArgumentException("The hypervolume history needs a study with at least two objectives.", nameof(study));
        }

        if (referencePoint.Count != m || referencePoint.Any(r => !double.IsFinite(r)))
        {
            throw new ArgumentException(
                $"The reference point must hold {m} finite values, but got [{string.Join(", ", referencePoint.Select(r => r.ToString(CultureInfo.InvariantCulture)))}].",
                nameof(referencePoint));
        }

        var reference = new double[m];
        for (var k = 0; k < m; k++)
        {
            reference[k] = study.Directions[k] == StudyDirection.Maximize ? -referencePoint[k] : referencePoint[k];
        }

        var front = new List<double[]>();
        var xs = new List<double>();
        var ys = new List<double>();
        var volume = 0.0;
        foreach (var trial in study.Trials)
        {
            if (trial.State != TrialState.Complete || trial.Values is not { } values || values.Count != m)
            {
                continue;
            }

            if (Study.IsFeasible(trial))
            {
                var point = new double[m];
                for (var k = 0; k < m; k++)
                {
                    point[k] = study.Directions[k] == StudyDirection.Maximize ? -values[k] : values[k];
                }

                if (point.All(double.IsFinite) && !front.Any(f => DominatesOrEquals(f, point)))
                {
                    front.RemoveAll(f => Attune.MultiObjective.ParetoFront.Dominates(point, f));
                    front.Add(point);
                    volume = Hypervolume.Compute(front, reference);
                }
            }

            xs.Add(trial.Number);
            ys.Add(volume);
        }

        var panel = new Panel(new Axis("Trial"), new Axis("Hypervolume"),
            [new ScatterSeries("Hypervolume", xs, ys) { Mode = SeriesMode.LinesAndMarkers, Color = Palette.Blue, MarkerSize = 4 }]);
        return new Figure("hypervolume-history", "Hypervolume History Plot", [panel]);
    }

    private static bool DominatesOrEquals(double[] a, double[] b)
    {
        var strictly = false;
        for (var k = 0; k < a.Length; k++)
        {
            if (a[k] > b[k])
            {
                return false;
            }

            strictly |= a[k] < b[k];
        }

        return strictly || a.AsSpan().SequenceEqual(b);
    }
}
