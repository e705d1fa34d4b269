using System.Globalization;

namespace Attune.Visualization;

/// <summary>How one parameter is placed on an axis: its number, log scale, or the index of its category.</summary>
internal sealed class ParamScale
{
    private readonly Distribution? source;

    private ParamScale(string name, bool log, IReadOnlyList<string>? categories, IReadOnlyList<object?>? choices, Distribution? source = null)
    {
        this.source = source;
        Name = name;
        Log = log;
        Categories = categories;
        Choices = choices;
    }

    public string Name { get; }

    public bool Log { get; }

    public IReadOnlyList<string>? Categories { get; }

    public bool IsCategorical => Categories is not null;

    private IReadOnlyList<object?>? Choices { get; }

    /// <summary>The scale of <paramref name="name"/>, from the distribution of the last trial that has it.</summary>
    public static ParamScale For(string name, IReadOnlyList<TrialRecord> trials)
    {
        for (var i = trials.Count - 1; i >= 0; i--)
        {
            if (trials[i].Distributions.TryGetValue(name, out var distribution))
            {
                return distribution switch
                {
                    CategoricalDistribution c => new ParamScale(name, false, [.. c.Choices.Select(FormatChoice)], c.Choices, c),
                    FloatDistribution f => new ParamScale(name, f.Log, null, null),
                    IntDistribution n => new ParamScale(name, n.Log, null, null),
                    _ => new ParamScale(name, false, null, null),
                };
            }
        }

        return new ParamScale(name, false, null, null);
    }

    /// <summary>The names of all parameters of <paramref name="trials"/>, in ordinal order.</summary>
    public static List<string> NamesOf(IEnumerable<TrialRecord> trials)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var trial in trials)
        {
            names.UnionWith(trial.Params.Keys);
        }

        return [.. names];
    }

    /// <summary>The parameter names to plot: <paramref name="requested"/> (checked) or every parameter.</summary>
    public static List<string> Select(IReadOnlyList<TrialRecord> trials, IReadOnlyList<string>? requested)
    {
        var all = NamesOf(trials);
        if (requested is null)
        {
            return all;
        }

        foreach (var name in requested)
        {
            if (!all.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Parameter '{name}' is not in the study's trials; it has {(all.Count == 0 ? "no parameters" : string.Join(", ", all))}.",
                    nameof(requested));
            }
        }

        return [.. requested.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The trial's value on this axis, or NaN when it lacks the parameter.</summary>
    public double ValueOf(TrialRecord trial)
    {
        if (!trial.Params.TryGetValue(Name, out var value))
        {
            return double.NaN;
        }

        if (Choices is not null)
        {
            // Fast path: the trial drew from the same choices, so its internal value is the index.
            if (trial.Distributions.TryGetValue(Name, out var drawn) && (ReferenceEquals(drawn, source) || drawn.Equals(source))
                && trial.InternalParams.TryGetValue(Name, out var index))
            {
                return index;
            }

            var key = FormatChoice(value);
            for (var i = 0; i < Categories!.Count; i++)
            {
                if (Categories[i] == key)
                {
                    return i;
                }
            }

            return double.NaN;
        }

        return value switch
        {
            double d => d,
            int n => n,
            long l => l,
            _ => trial.InternalParams.TryGetValue(Name, out var internalValue) ? internalValue : double.NaN,
        };
    }

    /// <summary>The axis for this parameter (log or category as the distribution says).</summary>
    public Axis ToAxis() => new(Name)
    {
        Type = IsCategorical ? AxisType.Category : Log ? AxisType.Log : AxisType.Linear,
        Categories = Categories,
    };

    internal static string FormatChoice(object? choice) => choice switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => choice.ToString() ?? string.Empty,
    };
}
