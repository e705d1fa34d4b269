using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Attune.Storage.Journal;

/// <summary>
/// Applies journal lines to a <see cref="StorageModel"/> by Optuna 3.1's rules
/// (<c>JournalStorageReplayResult</c>), so that Optuna and Attune read the same studies and trials from a file:
/// <list type="bullet">
/// <item>study ids count successful study creations (a duplicate name is ignored and takes no id; ids of deleted
/// studies are not reused); trial ids count every trial ever created, in any study, deleted ones included; a trial's
/// number counts the trials of its study;</item>
/// <item>an operation on a missing study or trial, or a change to a finished trial, is ignored; so is a move to
/// RUNNING of a trial that is already running (two workers raced for a waiting trial: the first wins);</item>
/// <item>a parameter whose distribution is incompatible with the one of the lowest-numbered trial of the study that
/// has it is ignored; a trial created with parameters (a template) is taken unchecked;</item>
/// <item>an operation that fails (a malformed field, an unknown distribution) is skipped as a whole.</item>
/// </list>
/// Lines that are not JSON are skipped with a warning; Optuna would stop reading at them.
/// </summary>
/// <param name="model">The model to apply lines to.</param>
/// <param name="zone">The time zone of the journal's naive timestamps.</param>
/// <param name="logger">Where skipped and ignored lines are logged.</param>
/// <param name="ownWorkerPrefix">The worker id prefix of the storage that replays (see <see cref="JournalOpWriter"/>):
/// the trials created by its own lines are tracked in <see cref="LastOwnTrialId"/>.</param>
internal sealed class JournalReplayer(StorageModel model, TimeZoneInfo zone, ILogger logger, string ownWorkerPrefix)
{
    private const int DistributionCacheLimit = 4096;

    private readonly string ownWorker = ownWorkerPrefix + "-";

    private readonly Dictionary<string, Distribution> distributionCache = new(StringComparer.Ordinal);

    /// <summary>The id of the last trial created by a line of the replaying storage; <see langword="null"/> before the first.</summary>
    public int? LastOwnTrialId { get; private set; }

    /// <summary>Why the last line of the replaying storage had no effect; <see langword="null"/> when it was applied.</summary>
    public string? LastOwnIgnored { get; private set; }

    /// <summary>
    /// Why lines of the replaying storage that set parameters were ignored for an incompatible distribution, since the
    /// caller last cleared the list. (A parameter of a trial that another worker finished first is ignored too, and
    /// not listed: that trial's own operations report it.)
    /// </summary>
    public List<string> OwnIgnoredParams { get; } = [];

    private bool applyingOwn;

    /// <summary>Applies one line; never throws: a line that cannot be applied is skipped with a warning.</summary>
    /// <param name="line">The UTF-8 JSON text.</param>
    /// <param name="index">The line's index within its read, for messages.</param>
    /// <param name="position">The position the read started at, for messages.</param>
    public void Apply(ReadOnlySpan<byte> line, int index, long position)
    {
        Dictionary<string, object?> op;
        try
        {
            op = PythonJsonReader.Parse(line) as Dictionary<string, object?>
                ?? throw new FormatException("The line is not a JSON object.");
        }
        catch (FormatException e)
        {
            JournalLog.LineSkipped(logger, index, position, $"not JSON ({e.Message}).");
            return;
        }

        var code = -1;
        var own = op.TryGetValue("worker_id", out var worker) && worker is string id && id.StartsWith(ownWorker, StringComparison.Ordinal);
        applyingOwn = own;
        try
        {
            code = (int)Integer(op, "op_code");
            var ignored = (JournalOperation)code switch
            {
                JournalOperation.CreateStudy => CreateStudy(op),
                JournalOperation.DeleteStudy => DeleteStudy(op),
                JournalOperation.SetStudyUserAttr => SetStudyAttr(op, system: false),
                JournalOperation.SetStudySystemAttr => SetStudyAttr(op, system: true),
                JournalOperation.CreateTrial => CreateTrial(op),
                JournalOperation.SetTrialParam => SetTrialParam(op),
                JournalOperation.SetTrialStateValues => SetTrialStateValues(op),
                JournalOperation.SetTrialIntermediateValue => SetTrialIntermediateValue(op),
                JournalOperation.SetTrialUserAttr => SetTrialAttr(op, system: false),
                JournalOperation.SetTrialSystemAttr => SetTrialAttr(op, system: true),
                _ => throw new FormatException($"Unknown op_code {code}."),
            };
            if (ignored is not null)
            {
                JournalLog.OperationIgnored(logger, code, index, position, ignored);
            }

            if (own)
            {
                LastOwnIgnored = ignored;
            }
        }
        catch (Exception e)
        {
            if (own)
            {
                LastOwnIgnored = $"{e.GetType().Name}: {e.Message}";
            }

            // Whatever goes wrong stays with this line: the read position moves past the whole batch, so a line
            // that threw must count as skipped, or the lines before it would be applied twice.
            JournalLog.LineSkipped(logger, index, position, $"operation {code} cannot be applied ({e.GetType().Name}: {e.Message}).");
        }
    }

    private string? CreateStudy(Dictionary<string, object?> op)
    {
        var name = Text(op, "study_name");
        var directions = new List<StudyDirection>();
        foreach (var item in List(op, "directions"))
        {
            directions.Add(OptunaCodes.ToDirection(ToInteger(item, "directions"))
                ?? throw new FormatException($"Direction {item} is not MINIMIZE (1) or MAXIMIZE (2)."));
        }

        if (model.FindStudy(name) is not null)
        {
            return $"a study named '{name}' exists.";
        }

        model.CreateStudy(name, directions);
        return null;
    }

    private string? DeleteStudy(Dictionary<string, object?> op)
    {
        var studyId = Id(op, "study_id");
        if (!StudyExists(studyId))
        {
            return $"no study {studyId}.";
        }

        model.DeleteStudy(studyId);
        return null;
    }

    private string? SetStudyAttr(Dictionary<string, object?> op, bool system)
    {
        var studyId = Id(op, "study_id");
        if (!StudyExists(studyId))
        {
            return $"no study {studyId}.";
        }

        var (key, value) = SingleAttr(op, system ? "system_attr" : "user_attr");
        if (system)
        {
            model.SetStudySystemAttr(studyId, key, value);
        }
        else
        {
            model.SetStudyUserAttr(studyId, key, value);
        }

        return null;
    }

    private string? CreateTrial(Dictionary<string, object?> op)
    {
        var studyId = Id(op, "study_id");
        if (!StudyExists(studyId))
        {
            return $"no study {studyId}.";
        }

        var distributions = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        if (op.TryGetValue("distributions", out var rawDistributions))
        {
            foreach (var (name, json) in AsObject(rawDistributions, "distributions"))
            {
                distributions[name] = ParseDistribution(json as string ?? throw new FormatException($"Distribution of '{name}' is not a string."));
            }
        }

        var internalParams = new Dictionary<string, double>(StringComparer.Ordinal);
        var paramDistributions = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        if (op.TryGetValue("params", out var rawParams))
        {
            foreach (var (name, rawInternal) in AsObject(rawParams, "params"))
            {
                var distribution = distributions.TryGetValue(name, out var d)
                    ? d
                    : throw new FormatException($"Parameter '{name}' has no distribution.");
                internalParams[name] = ToExternalChecked(distribution, ToReal(rawInternal, "params"));
                paramDistributions[name] = distribution;
            }
        }

        var startedAt = Time(Required(op, "datetime_start"), "datetime_start");
        DateTimeOffset? completedAt = op.TryGetValue("datetime_complete", out var complete)
            ? Time(complete ?? throw new FormatException("datetime_complete is null."), "datetime_complete")
            : null;
        var state = op.TryGetValue("state", out var rawState)
            ? OptunaCodes.ToState(ToInteger(rawState, "state")) ?? throw new FormatException($"State {rawState} is not a trial state.")
            : TrialState.Running;
        var value = op.TryGetValue("value", out var rawValue) && rawValue is not null ? ToReal(rawValue, "value") : (double?)null;
        var values = op.TryGetValue("values", out var rawValues) ? Numbers(rawValues, "values") : null;
        if (value is not null && values is not null)
        {
            throw new FormatException("Both value and values are given.");
        }

        var intermediate = new SortedDictionary<long, double>();
        if (op.TryGetValue("intermediate_values", out var rawIntermediate))
        {
            foreach (var (step, v) in AsObject(rawIntermediate, "intermediate_values"))
            {
                var parsed = long.TryParse(step, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var s)
                    ? s
                    : throw new FormatException($"Intermediate step '{step}' is not an integer.");
                intermediate[parsed] = ToReal(v, "intermediate_values");
            }
        }

        var template = new TrialRecord
        {
            State = state,
            Values = value is { } single ? [single] : values,
            InternalParams = internalParams,
            Distributions = paramDistributions,
            IntermediateValues = intermediate,
            UserAttrs = op.TryGetValue("user_attrs", out var user) ? AsObject(user, "user_attrs") : new Dictionary<string, object?>(),
            SystemAttrs = op.TryGetValue("system_attrs", out var system) ? AsObject(system, "system_attrs") : new Dictionary<string, object?>(),
            StartedAt = startedAt,
            CompletedAt = completedAt,
        };
        var created = model.CreateTrial(studyId, template, default, checkDistributions: false);
        if (op.TryGetValue("worker_id", out var worker) && worker is string id && id.StartsWith(ownWorker, StringComparison.Ordinal))
        {
            LastOwnTrialId = created.TrialId;
        }

        return null;
    }

    private string? SetTrialParam(Dictionary<string, object?> op)
    {
        var trialId = Id(op, "trial_id");
        if (NotUpdatable(trialId) is { } reason)
        {
            return reason;
        }

        var name = Text(op, "param_name");
        var internalValue = ToReal(Required(op, "param_value_internal"), "param_value_internal");
        var distribution = ParseDistribution(Text(op, "distribution"));
        try
        {
            model.CheckParam(trialId, name, distribution);
        }
        catch (ArgumentException e)
        {
            if (applyingOwn)
            {
                OwnIgnoredParams.Add(e.Message);
            }

            return e.Message;
        }

        model.SetTrialParam(trialId, name, ToExternalChecked(distribution, internalValue), distribution);
        return null;
    }

    private string? SetTrialStateValues(Dictionary<string, object?> op)
    {
        var trialId = Id(op, "trial_id");
        if (NotUpdatable(trialId) is { } reason)
        {
            return reason;
        }

        var rawState = Required(op, "state");
        var state = OptunaCodes.ToState(ToInteger(rawState, "state")) ?? throw new FormatException($"State {rawState} is not a trial state.");
        var values = Numbers(Required(op, "values"), "values");
        if (state == TrialState.Running && model.GetTrialState(trialId) == TrialState.Running)
        {
            return $"trial {trialId} is already running.";
        }

        var key = state == TrialState.Running ? "datetime_start" : "datetime_complete";
        var time = state == TrialState.Running || state.IsFinished()
            ? Time(Required(op, key), key) ?? throw new FormatException($"{key} is null.")
            : default;
        model.SetTrialStateValues(trialId, state, values, time);
        return null;
    }

    private string? SetTrialIntermediateValue(Dictionary<string, object?> op)
    {
        var trialId = Id(op, "trial_id");
        if (NotUpdatable(trialId) is { } reason)
        {
            return reason;
        }

        var step = Integer(op, "step");
        var value = ToReal(Required(op, "intermediate_value"), "intermediate_value");
        model.SetTrialIntermediateValue(trialId, step, value);
        return null;
    }

    private string? SetTrialAttr(Dictionary<string, object?> op, bool system)
    {
        var trialId = Id(op, "trial_id");
        if (NotUpdatable(trialId) is { } reason)
        {
            return reason;
        }

        var (key, value) = SingleAttr(op, system ? "system_attr" : "user_attr");
        if (system)
        {
            model.SetTrialSystemAttr(trialId, key, value);
        }
        else
        {
            model.SetTrialUserAttr(trialId, key, value);
        }

        return null;
    }

    private bool StudyExists(int studyId)
    {
        try
        {
            model.GetStudy(studyId);
            return true;
        }
        catch (StudyNotFoundException)
        {
            return false;
        }
    }

    private string? NotUpdatable(int trialId)
    {
        if (!model.TrialExists(trialId))
        {
            return $"no trial {trialId}.";
        }

        var state = model.GetTrialState(trialId);
        return state.IsFinished() ? $"trial {trialId} has finished ({state})." : null;
    }

    private Distribution ParseDistribution(string json)
    {
        if (distributionCache.TryGetValue(json, out var cached))
        {
            return cached;
        }

        var distribution = OptunaDistributionJson.Parse(json);
        if (distributionCache.Count >= DistributionCacheLimit)
        {
            distributionCache.Clear();
        }

        distributionCache[json] = distribution;
        return distribution;
    }

    /// <summary>Checks the value maps to an external one (Optuna fails the operation otherwise) and returns it.</summary>
    private static double ToExternalChecked(Distribution distribution, double internalValue)
    {
        distribution.ToExternal(internalValue);
        return internalValue;
    }

    private DateTimeOffset? Time(object? value, string key) => value switch
    {
        null => null,
        string text => OptunaDateTime.TryParse(text, zone, out var time) ? time : throw new FormatException($"{key} '{text}' is not an ISO time."),
        _ => throw new FormatException($"{key} is not a string."),
    };

    private static object? Required(Dictionary<string, object?> op, string key) =>
        op.TryGetValue(key, out var value) ? value : throw new FormatException($"The operation has no \"{key}\".");

    private static string Text(Dictionary<string, object?> op, string key) =>
        Required(op, key) as string ?? throw new FormatException($"\"{key}\" is not a string.");

    private static List<object?> List(Dictionary<string, object?> op, string key) =>
        Required(op, key) as List<object?> ?? throw new FormatException($"\"{key}\" is not a list.");

    private static long Integer(Dictionary<string, object?> op, string key) => ToInteger(Required(op, key), key);

    private static int Id(Dictionary<string, object?> op, string key)
    {
        var id = Integer(op, key);
        return id is >= int.MinValue and <= int.MaxValue ? (int)id : throw new FormatException($"\"{key}\" {id} is out of range.");
    }

    private static long ToInteger(object? value, string key) => value switch
    {
        long l => l,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e18 => (long)d,
        _ => throw new FormatException($"\"{key}\" holds {value ?? "null"}, not an integer."),
    };

    private static double ToReal(object? value, string key) => value switch
    {
        long l => l,
        double d => d,
        _ => throw new FormatException($"\"{key}\" holds {value ?? "null"}, not a number."),
    };

    private static double[]? Numbers(object? value, string key)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not List<object?> list)
        {
            throw new FormatException($"\"{key}\" is not a list.");
        }

        var numbers = new double[list.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = ToReal(list[i], key);
        }

        return numbers;
    }

    private static Dictionary<string, object?> AsObject(object? value, string key) =>
        value as Dictionary<string, object?> ?? throw new FormatException($"\"{key}\" is not an object.");

    private static (string Key, object? Value) SingleAttr(Dictionary<string, object?> op, string key)
    {
        var attr = AsObject(Required(op, key), key);
        if (attr.Count != 1)
        {
            throw new FormatException($"\"{key}\" holds {attr.Count} attributes; an operation sets exactly one.");
        }

        var (name, value) = attr.First();
        return (name, value);
    }
}
