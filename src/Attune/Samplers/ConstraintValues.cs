using System.Globalization;

namespace Attune.Samplers;

/// <summary>Computes a finishing trial's constraint values and stores them where every sampler reads them.</summary>
internal static class ConstraintValues
{
    /// <summary>
    /// Calls <paramref name="constraints"/> with the trial as it will be stored and writes the values to
    /// the trial's system attribute <see cref="Study.ConstraintsKey"/>.
    /// </summary>
    /// <param name="trial">The finishing trial.</param>
    /// <param name="state">Its final state.</param>
    /// <param name="values">Its values, when it has them.</param>
    /// <param name="constraints">The user's constraints function.</param>
    /// <param name="owner">The sampler's name, for messages.</param>
    /// <exception cref="InvalidOperationException">The function returned <see langword="null"/> or a value that is not finite.</exception>
    public static void Record(
        Trial trial, TrialState state, IReadOnlyList<double>? values, Func<TrialRecord, IReadOnlyList<double>?> constraints, string owner)
    {
        var record = trial.ToRecord() with { State = state, Values = values };
        var result = constraints(record)
            ?? throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The constraints function of {owner} returned null for trial {trial.Number}; return one value per constraint (<= 0 when satisfied)."));
        var copy = new double[result.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = double.IsFinite(result[i])
                ? result[i]
                : throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The constraints function of {owner} returned {result[i]} for constraint {i} of trial {trial.Number}; constraint values must be finite (<= 0 when satisfied)."));
        }

        trial.SetSystemAttr(Study.ConstraintsKey, copy);
    }
}
