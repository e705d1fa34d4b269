namespace Attune;

/// <summary>
/// An immutable snapshot of a trial as stored: its parameters, values, intermediate values and
/// attributes. Storage returns the same snapshot until the trial changes. Build one yourself to
/// add a finished trial with <see cref="Study.AddTrial(TrialRecord)"/>.
/// </summary>
public sealed record TrialRecord
{
    private static readonly Dictionary<string, object?> EmptyObjects = [];
    private static readonly Dictionary<string, Distribution> EmptyDistributions = [];
    private static readonly Dictionary<string, double> EmptyInternal = [];
    private static readonly SortedDictionary<long, double> EmptyIntermediate = [];

    /// <summary>The storage's identifier of the trial, unique within the storage; -1 before it is stored.</summary>
    public int TrialId { get; init; } = -1;

    /// <summary>The trial's number within its study, from 0 in order of creation.</summary>
    public int Number { get; init; }

    /// <summary>The trial's state.</summary>
    public TrialState State { get; init; } = TrialState.Running;

    /// <summary>The objective value of a finished single-objective trial; <see langword="null"/> otherwise.</summary>
    public double? Value
    {
        get => Values is { Count: 1 } v ? v[0] : null;
        init => Values = value is { } v ? [v] : null;
    }

    /// <summary>The objective values, one per direction; <see langword="null"/> until the trial completes.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>The parameters as the objective saw them (a <see cref="double"/>, an <see cref="int"/>, or a categorical choice).</summary>
    public IReadOnlyDictionary<string, object?> Params { get; init; } = EmptyObjects;

    /// <summary>
    /// The parameters in their distributions' internal representation (the number itself, or the index
    /// of a categorical choice), which is what samplers model. Filled by storage; when you build a record
    /// for <see cref="Study.AddTrial(TrialRecord)"/>, set <see cref="Params"/> instead.
    /// </summary>
    public IReadOnlyDictionary<string, double> InternalParams { get; init; } = EmptyInternal;

    /// <summary>The distribution each parameter was drawn from.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; init; } = EmptyDistributions;

    /// <summary>Values reported with <see cref="Trial.Report(double, long)"/>, by step, in ascending step order.</summary>
    public IReadOnlyDictionary<long, double> IntermediateValues { get; init; } = EmptyIntermediate;

    /// <summary>Attributes set by the user (JSON-like values).</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs { get; init; } = EmptyObjects;

    /// <summary>Attributes set by Attune, samplers and pruners (JSON-like values).</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs { get; init; } = EmptyObjects;

    /// <summary>When a worker started the trial; <see langword="null"/> while it waits.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the trial finished; <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How long the trial ran; <see langword="null"/> unless it has both start and end times.</summary>
    public TimeSpan? Duration => StartedAt is { } s && CompletedAt is { } c ? c - s : null;

    /// <summary>This record with more parameters (a storage's buffered ones), replacing any of the same name.</summary>
    /// <param name="parameters">The parameters: name, internal value, distribution.</param>
    /// <returns>The record with them; this record when there are none.</returns>
    internal TrialRecord WithParams(IEnumerable<(string Name, double InternalValue, Distribution Distribution)> parameters)
    {
        Dictionary<string, object?>? external = null;
        Dictionary<string, double>? internalValues = null;
        Dictionary<string, Distribution>? distributions = null;
        foreach (var (name, value, distribution) in parameters)
        {
            external ??= new Dictionary<string, object?>(Params, StringComparer.Ordinal);
            internalValues ??= new Dictionary<string, double>(InternalParams, StringComparer.Ordinal);
            distributions ??= new Dictionary<string, Distribution>(Distributions, StringComparer.Ordinal);
            external[name] = distribution.ToExternal(value);
            internalValues[name] = value;
            distributions[name] = distribution;
        }

        return external is null ? this : this with { Params = external, InternalParams = internalValues!, Distributions = distributions! };
    }

    /// <summary>
    /// The values reported at <paramref name="step"/>: the vector of
    /// <see cref="Trial.Report(IReadOnlyList{double}, long)"/> in a multi-objective study, otherwise the
    /// one intermediate value.
    /// </summary>
    /// <param name="step">The step.</param>
    /// <returns>One value per objective (NaN where NaN was reported), or <see langword="null"/> when nothing was reported at the step.</returns>
    public IReadOnlyList<double>? GetIntermediateValues(long step)
    {
        if (SystemAttrs.TryGetValue(Trial.IntermediateValuesKeyPrefix + step.ToString(System.Globalization.CultureInfo.InvariantCulture), out var stored)
            && AttributeNumbers.TryDecode(stored, out double[] vector))
        {
            return vector;
        }

        return IntermediateValues.TryGetValue(step, out var value) ? [value] : null;
    }

    /// <summary>The step of the last intermediate value, or <see langword="null"/> when none was reported.</summary>
    public long? LastStep
    {
        get
        {
            long? last = null;
            foreach (var step in IntermediateValues.Keys)
            {
                if (last is null || step > last)
                {
                    last = step;
                }
            }

            return last;
        }
    }
}
