using System.Globalization;

namespace Attune.Importances;

/// <summary>
/// What an importance evaluator works on: the study's complete trials with a finite target, the target
/// of each, and one <see cref="ParameterColumn"/> per evaluated parameter.
/// </summary>
internal sealed class ImportanceData
{
    // Discrete parameters with up to this many values keep them as cells; larger ones are treated as continuous.
    private const int MaxCells = 100;

    private ImportanceData(ParameterColumn[] columns, double[] targets, bool lowerIsBetter)
    {
        Columns = columns;
        Targets = targets;
        LowerIsBetter = lowerIsBetter;
    }

    /// <summary>The evaluated parameters, in the order they were asked for (ordinal order by default).</summary>
    public IReadOnlyList<ParameterColumn> Columns { get; }

    /// <summary>The target of each trial.</summary>
    public double[] Targets { get; }

    /// <summary>Whether a low target is good (the study's direction, or minimize for a custom target of a multi-objective study).</summary>
    public bool LowerIsBetter { get; }

    /// <summary>The number of trials.</summary>
    public int Count => Targets.Length;

    /// <summary>Gathers the data, checking the arguments of <see cref="ImportanceEvaluator.Evaluate"/>.</summary>
    /// <exception cref="ArgumentException">See <see cref="ImportanceEvaluator.Evaluate"/>.</exception>
    public static ImportanceData Collect(Study study, IReadOnlyList<string>? parameters, Func<TrialRecord, double>? target, StudyDirection? targetDirection)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (target is null && study.Directions.Count > 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Study '{study.Name}' has {study.Directions.Count} objectives; pass a target that picks one, e.g. t => t.Values![0]."),
                nameof(target));
        }

        var trials = new List<TrialRecord>();
        var targets = new List<double>();
        var anyComplete = false;
        foreach (var trial in study.Trials)
        {
            if (trial.State != TrialState.Complete)
            {
                continue;
            }

            anyComplete = true;
            var value = target is null ? trial.Values![0] : target(trial);
            if (double.IsFinite(value))
            {
                trials.Add(trial);
                targets.Add(value);
            }
        }

        if (trials.Count == 0)
        {
            throw new ArgumentException(
                anyComplete
                    ? $"Study '{study.Name}' has no complete trial with a finite target; importance needs at least one."
                    : $"Study '{study.Name}' has no complete trials; importance needs at least one.",
                nameof(study));
        }

        var names = Names(trials, parameters);
        var columns = new ParameterColumn[names.Count];
        for (var p = 0; p < names.Count; p++)
        {
            columns[p] = Column(names[p], trials);
        }

        var lowerIsBetter = (targetDirection ?? (study.Directions.Count == 1 ? study.Directions[0] : StudyDirection.Minimize)) == StudyDirection.Minimize;
        return new ImportanceData(columns, [.. targets], lowerIsBetter);
    }

    private static List<string> Names(List<TrialRecord> trials, IReadOnlyList<string>? parameters)
    {
        var known = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var trial in trials)
        {
            known.UnionWith(trial.Distributions.Keys);
        }

        if (parameters is null)
        {
            return [.. known];
        }

        var names = new List<string>(parameters.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in parameters)
        {
            if (name is null || !known.Contains(name))
            {
                throw new ArgumentException(
                    $"Parameter '{name}' is not in any evaluated trial; known parameters: {string.Join(", ", known)}.", nameof(parameters));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Parameter '{name}' is listed twice.", nameof(parameters));
            }

            names.Add(name);
        }

        return names;
    }

    private static ParameterColumn Column(string name, List<TrialRecord> trials)
    {
        var distributions = new List<Distribution>();
        foreach (var trial in trials)
        {
            if (trial.Distributions.TryGetValue(name, out var d))
            {
                distributions.Add(d);
            }
        }

        var merged = MergedDistribution.Of(name, distributions);
        var values = new double[trials.Count];
        for (var i = 0; i < trials.Count; i++)
        {
            var trial = trials[i];
            if (!trial.Distributions.TryGetValue(name, out var own))
            {
                values[i] = ParameterColumn.Missing;
                continue;
            }

            values[i] = merged switch
            {
                { IsSingle: true } => 0.5,
                CategoricalDistribution c => (CategoryIndex(trial, name, own, c) + 0.5) / c.Choices.Count,
                _ => UnitInterval.ToUnit(InternalValue(trial, name, own), merged),
            };
        }

        var cells = merged switch
        {
            CategoricalDistribution c => c.Choices.Count,
            IntDistribution i when !i.Log && i.Count <= MaxCells => (int)i.Count,
            FloatDistribution { Step: { } step } f when Math.Round((f.High - f.Low) / step) + 1 <= MaxCells => (int)Math.Round((f.High - f.Low) / step) + 1,
            _ => 0,
        };
        return new ParameterColumn(name, merged, values, cells);
    }

    private static int CategoryIndex(TrialRecord trial, string name, Distribution own, CategoricalDistribution merged) =>
        ReferenceEquals(own, merged) || own.Equals(merged)
            ? (int)InternalValue(trial, name, own)
            : merged.IndexOf(trial.Params.TryGetValue(name, out var external) ? external : own.ToExternal(trial.InternalParams[name]));

    private static double InternalValue(TrialRecord trial, string name, Distribution own) =>
        trial.InternalParams.TryGetValue(name, out var v) ? v : own.ToInternal(trial.Params[name]);
}
