namespace Attune.Storage.Journal;

/// <summary>
/// Builds the lines of Optuna's journal for one storage: the same keys, in the same order, with the same values
/// as <c>optuna.storages.JournalStorage</c> 3.1 writes, so Optuna reads Attune's operations as its own.
/// </summary>
/// <param name="workerIdPrefix">Identifies the storage instance; the thread id is appended, as Optuna does.</param>
/// <param name="zone">The time zone whose local time the naive timestamps are in.</param>
internal sealed class JournalOpWriter(string workerIdPrefix, TimeZoneInfo zone)
{
    public byte[] CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        var w = Start(JournalOperation.CreateStudy);
        w.Name("study_name");
        w.String(name);
        w.Name("directions");
        w.StartArray();
        foreach (var direction in directions)
        {
            w.Number(OptunaCodes.FromDirection(direction));
        }

        w.EndArray();
        return End(w);
    }

    public byte[] DeleteStudy(int studyId)
    {
        var w = Start(JournalOperation.DeleteStudy);
        w.Name("study_id");
        w.Number(studyId);
        return End(w);
    }

    public byte[] SetStudyAttr(bool system, int studyId, string key, object? value)
    {
        var w = Start(system ? JournalOperation.SetStudySystemAttr : JournalOperation.SetStudyUserAttr);
        w.Name("study_id");
        w.Number(studyId);
        WriteAttr(w, system, key, value);
        return End(w);
    }

    /// <summary>A new running trial that starts at <paramref name="now"/>.</summary>
    public byte[] CreateTrial(int studyId, DateTimeOffset now)
    {
        var w = Start(JournalOperation.CreateTrial);
        w.Name("study_id");
        w.Number(studyId);
        w.Name("datetime_start");
        w.String(OptunaDateTime.Format(now, zone));
        return End(w);
    }

    /// <summary>A trial copied from a template (an enqueued, added or copied trial).</summary>
    public byte[] CreateTrial(int studyId, TrialRecord template, IReadOnlyDictionary<string, double> internalParams)
    {
        var w = Start(JournalOperation.CreateTrial);
        w.Name("study_id");
        w.Number(studyId);
        w.Name("datetime_start");
        WriteTime(w, template.StartedAt);
        w.Name("state");
        w.Number(OptunaCodes.FromState(template.State));

        // Optuna keeps a single objective value in "value" and several in "values".
        var values = template.Values;
        w.Name("value");
        if (values is { Count: 1 })
        {
            w.Number(values[0]);
        }
        else
        {
            w.Null();
        }

        w.Name("values");
        if (values is { Count: > 1 })
        {
            WriteNumbers(w, values);
        }
        else
        {
            w.Null();
        }

        if (template.CompletedAt is { } completed)
        {
            w.Name("datetime_complete");
            w.String(OptunaDateTime.Format(completed, zone));
        }

        w.Name("distributions");
        w.StartObject();
        foreach (var (name, distribution) in template.Distributions)
        {
            w.Name(name);
            w.String(OptunaDistributionJson.ToJson(distribution));
        }

        w.EndObject();
        w.Name("params");
        w.StartObject();
        foreach (var (name, distribution) in template.Distributions)
        {
            w.Name(name);
            WriteInternal(w, internalParams[name], distribution);
        }

        w.EndObject();
        w.Name("user_attrs");
        w.Value(template.UserAttrs);
        w.Name("system_attrs");
        w.Value(template.SystemAttrs);
        w.Name("intermediate_values");
        w.StartObject();
        foreach (var (step, value) in template.IntermediateValues)
        {
            w.Name(step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.Number(value);
        }

        w.EndObject();
        return End(w);
    }

    public byte[] SetTrialParam(int trialId, string name, double internalValue, Distribution distribution)
    {
        var w = Start(JournalOperation.SetTrialParam);
        w.Name("trial_id");
        w.Number(trialId);
        w.Name("param_name");
        w.String(name);
        w.Name("param_value_internal");
        WriteInternal(w, internalValue, distribution);
        w.Name("distribution");
        w.String(OptunaDistributionJson.ToJson(distribution));
        return End(w);
    }

    public byte[] SetTrialStateValues(int trialId, TrialState state, IReadOnlyList<double>? values, DateTimeOffset now)
    {
        var w = Start(JournalOperation.SetTrialStateValues);
        w.Name("trial_id");
        w.Number(trialId);
        w.Name("state");
        w.Number(OptunaCodes.FromState(state));
        w.Name("values");
        if (values is null)
        {
            w.Null();
        }
        else
        {
            WriteNumbers(w, values);
        }

        if (state == TrialState.Running)
        {
            w.Name("datetime_start");
            w.String(OptunaDateTime.Format(now, zone));
        }
        else if (state.IsFinished())
        {
            w.Name("datetime_complete");
            w.String(OptunaDateTime.Format(now, zone));
        }

        return End(w);
    }

    public byte[] SetTrialIntermediateValue(int trialId, long step, double value)
    {
        var w = Start(JournalOperation.SetTrialIntermediateValue);
        w.Name("trial_id");
        w.Number(trialId);
        w.Name("step");
        w.Number(step);
        w.Name("intermediate_value");
        w.Number(value);
        return End(w);
    }

    public byte[] SetTrialAttr(bool system, int trialId, string key, object? value)
    {
        var w = Start(system ? JournalOperation.SetTrialSystemAttr : JournalOperation.SetTrialUserAttr);
        w.Name("trial_id");
        w.Number(trialId);
        WriteAttr(w, system, key, value);
        return End(w);
    }

    /// <summary>
    /// An internal value as Optuna's <c>to_internal_repr</c> gives it: the index of a categorical choice is a
    /// Python int, everything else a float.
    /// </summary>
    private static void WriteInternal(PythonJsonWriter w, double value, Distribution distribution)
    {
        if (distribution is CategoricalDistribution && value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            w.Number((long)value);
        }
        else
        {
            w.Number(value);
        }
    }

    private static void WriteNumbers(PythonJsonWriter w, IReadOnlyList<double> values)
    {
        w.StartArray();
        foreach (var value in values)
        {
            w.Number(value);
        }

        w.EndArray();
    }

    private static void WriteAttr(PythonJsonWriter w, bool system, string key, object? value)
    {
        w.Name(system ? "system_attr" : "user_attr");
        w.StartObject();
        w.Name(key);
        w.Value(value);
        w.EndObject();
    }

    private static byte[] End(PythonJsonWriter w)
    {
        w.EndObject();
        return w.ToArray();
    }

    private void WriteTime(PythonJsonWriter w, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.String(OptunaDateTime.Format(t, zone));
        }
        else
        {
            w.Null();
        }
    }

    private PythonJsonWriter Start(JournalOperation op)
    {
        var w = new PythonJsonWriter();
        w.StartObject();
        w.Name("op_code");
        w.Number((int)op);
        w.Name("worker_id");
        w.String($"{workerIdPrefix}-{Environment.CurrentManagedThreadId}");
        return w;
    }
}
