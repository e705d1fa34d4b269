using System.Globalization;

namespace Attune.Cli;

/// <summary>
/// Trials as a table, in the column naming of Optuna's <c>trials_dataframe</c>: <c>number</c>, <c>value</c> (or
/// <c>values_0</c>, <c>values_1</c>, …), <c>datetime_start</c>, <c>datetime_complete</c>, <c>duration</c> (seconds),
/// <c>params_NAME</c>, <c>user_attrs_KEY</c>, <c>state</c>; for JSON, one object per trial with nested
/// <c>params</c> and <c>user_attrs</c>.
/// </summary>
internal static class TrialTable
{
    public static Table Flat(IReadOnlyList<TrialRecord> trials, int objectives, bool full)
    {
        var paramNames = new SortedSet<string>(trials.SelectMany(t => t.Params.Keys), StringComparer.Ordinal);
        var userKeys = new SortedSet<string>(trials.SelectMany(t => t.UserAttrs.Keys), StringComparer.Ordinal);
        var systemKeys = full ? new SortedSet<string>(trials.SelectMany(t => t.SystemAttrs.Keys), StringComparer.Ordinal) : [];
        var columns = new List<string> { "number" };
        columns.AddRange(ValueColumns(objectives));
        columns.AddRange(["datetime_start", "datetime_complete", "duration"]);
        columns.AddRange(paramNames.Select(n => "params_" + n));
        columns.AddRange(userKeys.Select(k => "user_attrs_" + k));
        columns.AddRange(systemKeys.Select(k => "system_attrs_" + k));
        if (full)
        {
            columns.Add("intermediate_values");
        }

        columns.Add("state");
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var trial in trials)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["number"] = (long)trial.Number,
                ["datetime_start"] = Time(trial.StartedAt),
                ["datetime_complete"] = Time(trial.CompletedAt),
                ["duration"] = trial.Duration?.TotalSeconds,
                ["state"] = StateName(trial.State),
            };
            var names = ValueColumns(objectives).ToList();
            for (var k = 0; k < names.Count; k++)
            {
                row[names[k]] = trial.Values is { } v && k < v.Count ? v[k] : null;
            }

            foreach (var (name, value) in trial.Params)
            {
                row["params_" + name] = value is int i ? (long)i : value;
            }

            foreach (var (key, value) in trial.UserAttrs)
            {
                row["user_attrs_" + key] = value;
            }

            if (full)
            {
                foreach (var (key, value) in trial.SystemAttrs)
                {
                    row["system_attrs_" + key] = value;
                }

                row["intermediate_values"] = Intermediate(trial);
            }

            rows.Add(row);
        }

        return new Table(columns, rows);
    }

    /// <summary>One nested object per trial (for JSON).</summary>
    public static List<object?> Nested(IReadOnlyList<TrialRecord> trials, int objectives, bool full)
    {
        var result = new List<object?>();
        foreach (var trial in trials)
        {
            var row = new OrderedRow();
            row.Add("number", (long)trial.Number);
            row.Add("state", StateName(trial.State));
            if (objectives == 1)
            {
                row.Add("value", trial.Value);
            }
            else
            {
                row.Add("values", trial.Values?.Select(v => (object?)v).ToList());
            }

            var parameters = new OrderedRow();
            foreach (var (name, value) in trial.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                parameters.Add(name, value is int i ? (long)i : value);
            }

            row.Add("params", parameters);
            row.Add("user_attrs", trial.UserAttrs);
            if (full)
            {
                row.Add("system_attrs", trial.SystemAttrs);
                row.Add("intermediate_values", Intermediate(trial));
                row.Add("distributions", trial.Distributions.ToDictionary(p => p.Key, p => (object?)DistributionText.ToJsonLike(p.Value), StringComparer.Ordinal));
            }

            row.Add("datetime_start", Time(trial.StartedAt));
            row.Add("datetime_complete", Time(trial.CompletedAt));
            row.Add("duration", trial.Duration?.TotalSeconds);
            result.Add(row);
        }

        return result;
    }

    public static void Write(IReadOnlyList<TrialRecord> trials, int objectives, OutputFormat format, bool full, TextWriter output)
    {
        if (format == OutputFormat.Json)
        {
            output.Write(JsonOutput.Serialize(Nested(trials, objectives, full)));
        }
        else
        {
            TableWriter.Write(Flat(trials, objectives, full), format, output);
        }
    }

    public static string StateName(TrialState state) => state.ToString().ToUpperInvariant();

    /// <summary>A time in the process's time zone, ISO 8601 with its offset.</summary>
    public static string? Time(DateTimeOffset? time) =>
        time?.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    private static IEnumerable<string> ValueColumns(int objectives) =>
        objectives == 1 ? ["value"] : Enumerable.Range(0, objectives).Select(k => "values_" + k.ToString(CultureInfo.InvariantCulture));

    private static OrderedRow Intermediate(TrialRecord trial)
    {
        var values = new OrderedRow();
        foreach (var (step, value) in trial.IntermediateValues.OrderBy(p => p.Key))
        {
            values.Add(step.ToString(CultureInfo.InvariantCulture), value);
        }

        return values;
    }
}
