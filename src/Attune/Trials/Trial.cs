using System.Globalization;
using Attune.Diagnostics;
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
    /// <exception cref="InvalidOperationException">The study has several objectives.</exception>
    public void Report(double value, long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be >= 0.");
        }

        if (Study.Directions.Count > 1)
        {
            throw new InvalidOperationException("Report takes one value per step; this study has several objectives.");
        }

        lock (gate)
        {
            if (!reportedSteps.Add(step))
            {
                Log.StepAlreadyReported(Study.Logger, Number, step, Fmt(value));
                return;
            }
        }

        storage.SetTrialIntermediateValue(TrialId, step, value);
    }

    /// <summary>Asks the study's pruner whether this trial should stop now; if so, throw <see cref="TrialPrunedException"/>.</summary>
    /// <returns><see langword="true"/> when the trial should be pruned.</returns>
    /// <exception cref="InvalidOperationException">The study has several objectives.</exception>
    public bool ShouldPrune()
    {
        if (Study.Directions.Count > 1)
        {
            throw new InvalidOperationException("Pruning of multi-objective trials is not supported by the study's pruner.");
        }

        return Study.Pruner.Prune(Study, storage.GetTrial(TrialId));
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
