namespace Attune.Visualization;

/// <summary>The value a figure plots for each trial.</summary>
internal static class Targets
{
    public const string DefaultName = "Objective Value";

    /// <summary>The target: <paramref name="target"/>, or the single objective of the study.</summary>
    /// <exception cref="ArgumentException">The study has several objectives and no target was given.</exception>
    public static Func<TrialRecord, double> Resolve(Study study, Func<TrialRecord, double>? target, string figure)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (target is not null)
        {
            return target;
        }

        if (study.Directions.Count != 1)
        {
            throw new ArgumentException(
                $"The {figure} of a study with {study.Directions.Count} objectives needs a target; pass target: t => t.Values![0] (and a targetName).",
                nameof(target));
        }

        return static t => t.Values is { Count: > 0 } v ? v[0] : double.NaN;
    }

    /// <summary>Whether smaller targets are better: the study's direction for its own objective; minimize for a custom target.</summary>
    public static bool Minimizing(Study study, Func<TrialRecord, double>? target) =>
        target is not null || study.Directions.Count != 1 || study.Directions[0] == StudyDirection.Minimize;

    /// <summary>The complete trials with a finite target, in number order.</summary>
    public static List<TrialRecord> Complete(IReadOnlyList<TrialRecord> trials, Func<TrialRecord, double> target)
    {
        var result = new List<TrialRecord>();
        foreach (var trial in trials)
        {
            if (trial.State == TrialState.Complete && double.IsFinite(target(trial)))
            {
                result.Add(trial);
            }
        }

        return result;
    }

    /// <summary>The hover text of a trial: its number, value and parameters.</summary>
    public static string Hover(TrialRecord trial, double? value = null)
    {
        var text = new System.Text.StringBuilder();
        text.Append("Trial ").Append(trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (value is { } v)
        {
            text.Append("<br>value: ").Append(Format(v));
        }

        foreach (var (name, param) in trial.Params)
        {
            text.Append("<br>").Append(name).Append(": ").Append(param is double d ? Format(d) : ParamScale.FormatChoice(param));
        }

        return text.ToString();
    }

    public static string Format(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
