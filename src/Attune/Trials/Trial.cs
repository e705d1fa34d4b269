using System.Globalization;
using Attune.Diagnostics;
using Attune.Pruners;
using Attune.Storage;

namespace Attune;

/// <summary>
/// A running trial: the objective asks it for parameters (<see cref="SuggestFloat"/>,
/// <see cref="SuggestInt"/>, <see cref="SuggestCategorical{T}"/>), reports intermediate values and
/// asks whether to stop. Every call is written to storage at once. Thread-safe.
/// </summary>
public sealed class Trial
{
    /// <summary>The system attribute that holds the parameters of an enqueued trial (Optuna's name).</summary>
    public const string FixedParamsKey = "fixed_params";

    /// <summary>
    /// The prefix of the system attributes that hold the vectors of <see cref="Report(IReadOnlyList{double}, long)"/>
    /// in multi-objective studies: <c>attune:intermediate_values:STEP</c>, a list of one value per objective.
    /// </summary>
    public const string IntermediateValuesKeyPrefix = "attune:intermediate_values:";

    private readonly Lock gate = new();
    private readonly IStorage storage;
    private readonly Dictionary<string, object?> externalParams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> internalParams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Distribution> distributions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> userAttrs;
    private readonly Dictionary<string, object?> systemAttrs;
    private readonly HashSet<long> reportedSteps = [];
    private IReadOnlyDictionary<string, Distribution> relativeSpace = new Dictionary<string, Distribution>();
    private IReadOnlyDictionary<string, double> relativeParams = new Dictionary<string, double>();

    internal Trial(Study study, TrialRecord record)
    {
        Study = study;
        storage = study.StorageBackend;
        TrialId = record.TrialId;
        Number = record.Number;
        StartedAt = record.StartedAt;
        userAttrs = new Dictionary<string, object?>(record.UserAttrs, StringComparer.Ordinal);
        systemAttrs = new Dictionary<string, object?>(record.SystemAttrs, StringComparer.Ordinal);
        foreach (var (name, distribution) in record.Distributions)
        {
            distributions[name] = distribution;
            internalParams[name] = record.InternalParams[name];
            externalParams[name] = record.Params[name];
        }

        foreach (var step in record.IntermediateValues.Keys)
        {
            reportedSteps.Add(step);
        }
    }

    /// <summary>The trial's number within its study, from 0.</summary>
    public int Number { get; }

    /// <summary>The study the trial belongs to.</summary>
    public Study Study { get; }

    /// <summary>The storage's identifier of the trial.</summary>
    public int TrialId { get; }

    /// <summary>When the trial started.</summary>
    public DateTimeOffset? StartedAt { get; }

    /// <summary>The parameters suggested so far, as the objective received them.</summary>
    public IReadOnlyDictionary<string, object?> Params
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, object?>(externalParams, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The parameters suggested so far, in their distributions' internal representation.</summary>
    public IReadOnlyDictionary<string, double> InternalParams
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, double>(internalParams, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The distributions of the parameters suggested so far.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, Distribution>(distributions, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The trial's user attributes.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, object?>(userAttrs, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The trial's system attributes.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, object?>(systemAttrs, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Suggests a real number in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="name">The parameter name, unique within the trial.</param>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive (with a step, the last grid point not above it).</param>
    /// <param name="log">Sample on a log scale (requires <paramref name="low"/> &gt; 0). Default <see langword="false"/>.</param>
    /// <param name="step">A grid spacing from <paramref name="low"/>; a step that does not divide the range moves high down to the grid, with a warning. Default none.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The range is invalid, or <paramref name="name"/> was used with another kind of distribution in this study.</exception>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
    {
        var distribution = Create(name, () => new FloatDistribution(low, high, log, step));
        if (step is { } s && distribution.High != high)
        {
            Log.StepAdjusted(Study.Logger, name, Fmt(low), Fmt(high), Fmt(s), Fmt(distribution.High));
        }

        return (double)Suggest(name, distribution)!;
    }

    /// <summary>Suggests an integer in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="name">The parameter name, unique within the trial.</param>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive (the last grid point not above it).</param>
    /// <param name="log">Sample on a log scale (requires <paramref name="low"/> &gt;= 1 and step 1). Default <see langword="false"/>.</param>
    /// <param name="step">The grid spacing from <paramref name="low"/>. Default 1.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The range is invalid, or <paramref name="name"/> was used with another kind of distribution in this study.</exception>
    public int SuggestInt(string name, int low, int high, bool log = false, int step = 1)
    {
        var distribution = Create(name, () => new IntDistribution(low, high, log, step));
        if (distribution.High != high)
        {
            Log.StepAdjusted(Study.Logger, name, Fmt(low), Fmt(high), Fmt(step), Fmt(distribution.High));
        }

        return (int)Suggest(name, distribution)!;
    }

    /// <summary>Suggests one of <paramref name="choices"/>.</summary>
    /// <typeparam name="T">The choice type: string, a number type, bool, an enum, or a nullable of those.</typeparam>
    /// <param name="name">The parameter name, unique within the trial.</param>
    /// <param name="choices">The choices, at least one; the same list in every trial of the study.</param>
    /// <returns>One of the choices (the same instance the list holds).</returns>
    /// <exception cref="ArgumentException">The list is empty or holds unsupported values, or <paramref name="name"/> was used with other choices in this study.</exception>
    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var boxed = new object?[choices.Count];
        for (var i = 0; i < boxed.Length; i++)
        {
            boxed[i] = choices[i];
        }

        var distribution = Create(name, () => new CategoricalDistribution(boxed));
        Suggest(name, distribution);
        lock (gate)
        {
            return choices[(int)internalParams[name]];
        }
    }

    /// <summary>Suggests a value from any distribution; the building block of the typed Suggest methods.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="distribution">The distribution.</param>
    /// <returns>The external value.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> was used with an incompatible distribution in this study.</exception>
    public object? Suggest(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        lock (gate)
        {
            if (distributions.TryGetValue(name, out var existing))
            {
                existing.EnsureCompatibleWith(name, distribution);
                return externalParams[name];
            }
        }

        var internalValue = ChooseValue(name, distribution);
        try
        {
            storage.SetTrialParam(TrialId, name, internalValue, distribution);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, nameof(distribution), e);
        }

        var external = distribution.ToExternal(internalValue);
        lock (gate)
        {
            distributions[name] = distribution;
            internalParams[name] = internalValue;
            externalParams[name] = external;
        }

        return external;
    }

    /// <summary>Records an intermediate value (e.g. validation loss after an epoch) for pruning and plots.</summary>
    /// <param name="value">The value; NaN is recorded as it is.</param>
    /// <param name="step">The step (epoch, iteration), &gt;= 0. A step reported twice keeps its first value, with a warning.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The study has several objectives; report one value per objective with <see cref="Report(IReadOnlyList{double}, long)"/>.</exception>
    public void Report(double value, long step)
    {
        CheckStep(step);
        if (Study.Directions.Count > 1)
        {
            throw new InvalidOperationException(
                $"Report(double, long) takes one value per step, but study '{Study.Name}' has {Study.Directions.Count} objectives; " +
                "report a vector with Report(IReadOnlyList<double>, long).");
        }

        if (FirstReportOf(step, Fmt(value)))
        {
            storage.SetTrialIntermediateValue(TrialId, step, value);
        }
    }

    /// <summary>
    /// Records one intermediate value per objective at <paramref name="step"/>, for pruners that judge
    /// multi-objective trials (<see cref="SuccessiveHalvingPruner"/>, <see cref="HyperbandPruner"/>).
    /// </summary>
    /// <param name="values">One value per direction of the study; NaN and infinities are recorded as they are.</param>
    /// <param name="step">The step (epoch, iteration), &gt;= 0. A step reported twice keeps its first values, with a warning.</param>
    /// <remarks>
    /// Storage keeps one number per step as an intermediate value (Optuna's format), so the vector goes
    /// into the trial system attribute <c>attune:intermediate_values:STEP</c> (see
    /// <see cref="IntermediateValuesKeyPrefix"/>) as a JSON list, with NaN and infinities as the strings
    /// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>; the first objective's value is also
    /// recorded as the step's ordinary intermediate value, so that <see cref="TrialRecord.LastStep"/>,
    /// plots and Optuna's tools see the curve of the first objective. Read a vector back with
    /// <see cref="TrialRecord.GetIntermediateValues(long)"/>. In a single-objective study this is
    /// <see cref="Report(double, long)"/> with the one value.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The number of values differs from the number of directions.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public void Report(IReadOnlyList<double> values, long step)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckStep(step);
        var directions = Study.Directions.Count;
        if (values.Count != directions)
        {
            throw new ArgumentException(
                $"Report got {values.Count} value(s), but study '{Study.Name}' has {directions} direction(s); report one value per objective.",
                nameof(values));
        }

        if (directions == 1)
        {
            Report(values[0], step);
            return;
        }

        if (FirstReportOf(step, "[" + string.Join(", ", values.Select(Fmt)) + "]"))
        {
            SetSystemAttr(IntermediateValuesKeyPrefix + step.ToString(CultureInfo.InvariantCulture), AttributeNumbers.Encode(values));
            storage.SetTrialIntermediateValue(TrialId, step, values[0]);
        }
    }

    /// <summary>Asks the study's pruner whether this trial should stop now; if so, throw <see cref="TrialPrunedException"/>.</summary>
    /// <returns><see langword="true"/> when the trial should be pruned.</returns>
    /// <exception cref="InvalidOperationException">The study has several objectives and its pruner does not support that (<see cref="Pruner.SupportsMultiObjective"/>).</exception>
    public bool ShouldPrune()
    {
        var pruner = Study.Pruner;
        if (Study.Directions.Count > 1 && !pruner.SupportsMultiObjective)
        {
            throw new InvalidOperationException(
                $"{pruner.GetType().Name} cannot prune trials of study '{Study.Name}', which has {Study.Directions.Count} objectives; " +
                "use SuccessiveHalvingPruner, HyperbandPruner or NopPruner, and report vectors with Report(IReadOnlyList<double>, long).");
        }

        return pruner.Prune(Study, storage.GetTrial(TrialId));
    }

    /// <summary>Sets a user attribute.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">A JSON-like value (see <see cref="AttributeValue"/>).</param>
    /// <exception cref="ArgumentException">The value has no JSON form.</exception>
    public void SetUserAttr(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = AttributeValue.Normalize(value, key);
        storage.SetTrialUserAttr(TrialId, key, normalized);
        lock (gate)
        {
            userAttrs[key] = normalized;
        }
    }

    /// <summary>Sets a system attribute (for samplers, pruners and integrations; Attune's own keys start with <c>attune:</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">A JSON-like value (see <see cref="AttributeValue"/>).</param>
    /// <exception cref="ArgumentException">The value has no JSON form.</exception>
    public void SetSystemAttr(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = AttributeValue.Normalize(value, key);
        storage.SetTrialSystemAttr(TrialId, key, normalized);
        lock (gate)
        {
            systemAttrs[key] = normalized;
        }
    }

    /// <summary>The trial as stored now.</summary>
    /// <returns>A snapshot.</returns>
    public TrialRecord ToRecord() => storage.GetTrial(TrialId);

    internal void SetRelative(IReadOnlyDictionary<string, Distribution> space, IReadOnlyDictionary<string, double> values)
    {
        relativeSpace = space;
        relativeParams = values;
    }

    private static TDistribution Create<TDistribution>(string name, Func<TDistribution> create)
        where TDistribution : Distribution
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Parameter '{name}': {e.Message}", e.ParamName, e);
        }
    }

    private static string Fmt(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void CheckStep(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be >= 0.");
        }
    }

    /// <summary>Claims <paramref name="step"/> for a report; a step reported before is logged and refused.</summary>
    private bool FirstReportOf(long step, string value)
    {
        lock (gate)
        {
            if (reportedSteps.Add(step))
            {
                return true;
            }
        }

        Log.StepAlreadyReported(Study.Logger, Number, step, value);
        return false;
    }

    private double ChooseValue(string name, Distribution distribution)
    {
        object? fixedValue = null;
        var isFixed = false;
        lock (gate)
        {
            if (systemAttrs.TryGetValue(FixedParamsKey, out var fixedParams)
                && fixedParams is IReadOnlyDictionary<string, object?> map
                && map.TryGetValue(name, out fixedValue))
            {
                isFixed = true;
            }
        }

        if (isFixed)
        {
            double value;
            try
            {
                value = distribution.ToInternal(fixedValue);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Enqueued parameter '{name}' cannot be used: {e.Message}", nameof(distribution), e);
            }

            if (!distribution.Contains(value))
            {
                Log.FixedParamOutOfRange(Study.Logger, name, Convert.ToString(fixedValue, CultureInfo.InvariantCulture) ?? "null", distribution.ToString());
            }

            return value;
        }

        if (distribution.IsSingle)
        {
            return distribution switch
            {
                FloatDistribution f => f.Low,
                IntDistribution i => i.Low,
                _ => 0,
            };
        }

        if (relativeParams.TryGetValue(name, out var relative)
            && relativeSpace.TryGetValue(name, out var relativeDistribution)
            && relativeDistribution.Equals(distribution))
        {
            return relative;
        }

        var sampled = Study.Sampler.SampleIndependent(Study, this, name, distribution);
        if (!distribution.Contains(sampled))
        {
            throw new InvalidOperationException(
                $"{Study.Sampler.GetType().Name} returned {Fmt(sampled)} for parameter '{name}', which is outside {distribution}.");
        }

        return sampled;
    }
}
