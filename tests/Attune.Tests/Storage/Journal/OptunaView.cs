using System.Globalization;
using Attune.Storage;
using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>
/// What a storage holds, in the JSON shape of the fixtures' <c>*.expected.json</c> (Optuna's own view of a file):
/// per study name its directions, attributes and trials (number, state, values, params, distributions as Optuna
/// JSON, intermediate values, attributes, and optionally ids and times). Used both ways: to check Attune reads what
/// Optuna read, and to tell the Python script what Optuna should read from a file Attune wrote.
/// </summary>
internal static class OptunaView
{
    /// <summary>Attune's view of every study in <paramref name="storage"/>, with every key the Python script checks.</summary>
    public static Dictionary<string, object?> Describe(IStorage storage)
    {
        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var study in storage.GetAllStudies())
        {
            var trials = new List<object?>();
            foreach (var trial in storage.GetAllTrials(study.StudyId))
            {
                trials.Add(Describe(trial));
            }

            root[study.Name] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["study_id"] = (long)study.StudyId,
                ["directions"] = study.Directions.Select(d => (object?)(d == StudyDirection.Minimize ? "MINIMIZE" : "MAXIMIZE")).ToList(),
                ["user_attrs"] = Canonical(study.UserAttrs),
                ["system_attrs"] = Canonical(study.SystemAttrs),
                ["trials"] = trials,
            };
        }

        return root;
    }

    /// <summary>Writes <see cref="Describe(IStorage)"/> as JSON that Python's json module reads (NaN included).</summary>
    public static void Write(IStorage storage, string path)
    {
        var writer = new PythonJsonWriter();
        writer.Value(Describe(storage));
        File.WriteAllBytes(path, writer.ToArray());
    }

    /// <summary>Reads an expected-view file (Python json, NaN allowed).</summary>
    public static Dictionary<string, object?> Read(string path) =>
        (Dictionary<string, object?>)PythonJsonReader.Parse(File.ReadAllBytes(path))!;

    /// <summary>Asserts <paramref name="storage"/> holds exactly the studies of <paramref name="expected"/>, comparing every key the expectation gives.</summary>
    public static void AssertMatches(Dictionary<string, object?> expected, IStorage storage)
    {
        var actual = Describe(storage);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, study) in expected)
        {
            var expectedStudy = (Dictionary<string, object?>)study!;
            var actualStudy = (Dictionary<string, object?>)actual[name]!;
            foreach (var (key, value) in expectedStudy)
            {
                if (key == "trials")
                {
                    var expectedTrials = (List<object?>)value!;
                    var actualTrials = (List<object?>)actualStudy["trials"]!;
                    Assert.True(expectedTrials.Count == actualTrials.Count, $"study '{name}': {actualTrials.Count} trials, expected {expectedTrials.Count}");
                    for (var i = 0; i < expectedTrials.Count; i++)
                    {
                        AssertTrial($"study '{name}' trial {i}", (Dictionary<string, object?>)expectedTrials[i]!, (Dictionary<string, object?>)actualTrials[i]!);
                    }
                }
                else
                {
                    AssertSame($"study '{name}' {key}", value, actualStudy[key]);
                }
            }
        }
    }

    private static void AssertTrial(string where, Dictionary<string, object?> expected, Dictionary<string, object?> actual)
    {
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.ContainsKey(key), $"{where}: no '{key}'");
            switch (key)
            {
                case "distributions":
                    var expectedDistributions = (Dictionary<string, object?>)value!;
                    var actualDistributions = (Dictionary<string, object?>)actual[key]!;
                    Assert.Equal(expectedDistributions.Keys.Order(StringComparer.Ordinal), actualDistributions.Keys.Order(StringComparer.Ordinal));
                    foreach (var (param, json) in expectedDistributions)
                    {
                        // Same JSON meaning (Optuna reads it with json.loads), whatever the spacing and key order.
                        AssertSame(
                            $"{where} distribution '{param}'",
                            PythonJsonReader.Parse((string)json!),
                            PythonJsonReader.Parse((string)actualDistributions[param]!));
                    }

                    break;
                case "datetime_start":
                case "datetime_complete":
                    Assert.True(SameTime(value as string, actual[key] as string), $"{where} {key}: {actual[key]}, expected {value}");
                    break;
                default:
                    AssertSame($"{where} {key}", value, actual[key]);
                    break;
            }
        }
    }

    private static bool SameTime(string? expected, string? actual)
    {
        if (expected is null || actual is null)
        {
            return expected == actual;
        }

        return OptunaDateTime.TryParse(expected, TimeZoneInfo.Local, out var e)
            && OptunaDateTime.TryParse(actual, TimeZoneInfo.Local, out var a)
            && e == a;
    }

    /// <summary>Deep equality of canonical JSON values; numbers by value (NaN equals NaN), booleans never equal numbers.</summary>
    public static void AssertSame(string where, object? expected, object? actual)
    {
        switch (expected)
        {
            case Dictionary<string, object?> e:
                var a = Assert.IsType<Dictionary<string, object?>>(actual);
                Assert.True(
                    e.Keys.Order(StringComparer.Ordinal).SequenceEqual(a.Keys.Order(StringComparer.Ordinal)),
                    $"{where}: keys [{string.Join(", ", a.Keys)}], expected [{string.Join(", ", e.Keys)}]");
                foreach (var (key, value) in e)
                {
                    AssertSame($"{where}.{key}", value, a[key]);
                }

                break;
            case List<object?> e:
                var list = Assert.IsType<List<object?>>(actual);
                Assert.True(e.Count == list.Count, $"{where}: {list.Count} items, expected {e.Count}");
                for (var i = 0; i < e.Count; i++)
                {
                    AssertSame($"{where}[{i}]", e[i], list[i]);
                }

                break;
            case long or double:
                var expectedNumber = Convert.ToDouble(expected, CultureInfo.InvariantCulture);
                Assert.True(actual is long or double, $"{where}: {Show(actual)}, expected the number {Show(expected)}");
                var actualNumber = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
                Assert.True(
                    expectedNumber.Equals(actualNumber),
                    $"{where}: {Show(actual)}, expected {Show(expected)}");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{where}: {Show(actual)}, expected {Show(expected)}");
                break;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        _ => value.ToString() ?? string.Empty,
    };

    private static Dictionary<string, object?> Describe(TrialRecord trial)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var distributions = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, distribution) in trial.Distributions)
        {
            parameters[name] = CanonicalParam(trial.Params[name]);
            distributions[name] = OptunaDistributionJson.ToJson(distribution);
        }

        var intermediate = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (step, value) in trial.IntermediateValues)
        {
            intermediate[step.ToString(CultureInfo.InvariantCulture)] = value;
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["trial_id"] = (long)trial.TrialId,
            ["number"] = (long)trial.Number,
            ["state"] = trial.State switch
            {
                TrialState.Running => "RUNNING",
                TrialState.Waiting => "WAITING",
                TrialState.Complete => "COMPLETE",
                TrialState.Pruned => "PRUNED",
                _ => "FAIL",
            },
            ["values"] = trial.Values?.Select(v => (object?)v).ToList(),
            ["params"] = parameters,
            ["distributions"] = distributions,
            ["intermediate_values"] = intermediate,
            ["user_attrs"] = Canonical(trial.UserAttrs),
            ["system_attrs"] = Canonical(trial.SystemAttrs),
            ["datetime_start"] = trial.StartedAt is { } s ? OptunaDateTime.Format(s, TimeZoneInfo.Local) : null,
            ["datetime_complete"] = trial.CompletedAt is { } c ? OptunaDateTime.Format(c, TimeZoneInfo.Local) : null,
        };
    }

    private static object? CanonicalParam(object? value) => value switch
    {
        int i => (long)i,
        float f => (double)f,
        Enum e => e.ToString(),
        _ => value,
    };

    private static Dictionary<string, object?> Canonical(IReadOnlyDictionary<string, object?> attrs) =>
        (Dictionary<string, object?>)PythonJsonReader.Parse(Serialize(attrs))!;

    private static byte[] Serialize(object? value)
    {
        var writer = new PythonJsonWriter();
        writer.Value(value);
        return writer.ToArray();
    }
}
