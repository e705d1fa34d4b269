using System.Collections.Concurrent;
using System.Globalization;
using Attune.Diagnostics;

namespace Attune;

/// <summary>Ask-and-tell, enqueued and added trials.</summary>
public sealed partial class Study
{
    /// <summary>The system attribute that records why a trial failed.</summary>
    public const string FailReasonKey = "fail_reason";

    private readonly ConcurrentDictionary<int, Trial> activeTrials = new();

    /// <summary>Starts a trial: takes the oldest enqueued trial, or creates a new one, and lets the sampler prepare it.</summary>
    /// <returns>The running trial; suggest parameters on it, then <see cref="Tell(Trial, double)"/>.</returns>
    public Trial Ask() => Ask(null);

    /// <summary>Starts a trial and suggests the given parameters on it at once.</summary>
    /// <param name="fixedDistributions">Parameters to suggest now, by name; <see langword="null"/> for none.</param>
    /// <returns>The running trial, with those parameters in <see cref="Trial.Params"/>.</returns>
    /// <exception cref="ArgumentException">A distribution is incompatible with the study's earlier use of its name.</exception>
    public Trial Ask(IReadOnlyDictionary<string, Distribution>? fixedDistributions)
    {
        if (HeartbeatInterval is not null)
        {
            FailStaleTrials();
        }

        var record = StorageBackend.PopWaitingTrial(studyId) ?? StorageBackend.CreateTrial(studyId);
        var trial = new Trial(this, record);
        activeTrials[record.Number] = trial;
        try
        {
            StartHeartbeat(trial);
            Sampler.BeforeTrial(this, trial);
            var space = Sampler.InferRelativeSearchSpace(this, trial);
            if (space.Count > 0)
            {
                trial.SetRelative(space, Sampler.SampleRelative(this, trial, space));
            }

            if (fixedDistributions is not null)
            {
                foreach (var (name, distribution) in fixedDistributions)
                {
                    trial.Suggest(name, distribution);
                }
            }
        }
        catch (Exception e)
        {
            StopHeartbeat(trial);
            activeTrials.TryRemove(record.Number, out _);
            trial.SetSystemAttr(FailReasonKey, $"{e.GetType().Name}: {e.Message}");
            StorageBackend.SetTrialStateValues(record.TrialId, TrialState.Fail, null);
            throw;
        }

        return trial;
    }

    /// <summary>Completes a single-objective trial with its value.</summary>
    /// <param name="trial">The trial from <see cref="Ask()"/>.</param>
    /// <param name="value">The objective value; must be finite.</param>
    /// <returns>The finished trial.</returns>
    /// <exception cref="ArgumentException">The value is NaN or infinite, or the study has several objectives; the trial is recorded as failed.</exception>
    /// <exception cref="InvalidOperationException">The trial is already finished.</exception>
    public TrialRecord Tell(Trial trial, double value) => Tell(trial, [value]);

    /// <summary>Completes a single-objective trial with a whole-number value (so that <c>Tell(trial, 0)</c> is not read as a state).</summary>
    /// <param name="trial">The trial from <see cref="Ask()"/>.</param>
    /// <param name="value">The objective value.</param>
    /// <returns>The finished trial.</returns>
    /// <exception cref="InvalidOperationException">The trial is already finished.</exception>
    public TrialRecord Tell(Trial trial, int value) => Tell(trial, [(double)value]);

    /// <summary>Completes a trial with one value per objective.</summary>
    /// <param name="trial">The trial from <see cref="Ask()"/>.</param>
    /// <param name="values">The objective values, one per direction, all finite.</param>
    /// <returns>The finished trial.</returns>
    /// <exception cref="ArgumentException">A value is NaN or infinite, or the count is wrong; the trial is recorded as failed.</exception>
    /// <exception cref="InvalidOperationException">The trial is already finished.</exception>
    public TrialRecord Tell(Trial trial, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(values);
        EnsureOwnAndRunning(trial);
        if (CheckValues(values) is { } problem)
        {
            Finish(trial, TrialState.Fail, null, problem);
            throw new ArgumentException($"Trial {trial.Number} failed: {problem}", nameof(values));
        }

        return Finish(trial, TrialState.Complete, values, null);
    }

    /// <summary>Finishes a trial as pruned (its last intermediate value becomes its value) or failed.</summary>
    /// <param name="trial">The trial from <see cref="Ask()"/>.</param>
    /// <param name="state"><see cref="TrialState.Pruned"/> or <see cref="TrialState.Fail"/>.</param>
    /// <returns>The finished trial.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not Pruned or Fail (complete a trial with its values).</exception>
    /// <exception cref="InvalidOperationException">The trial is already finished.</exception>
    public TrialRecord Tell(Trial trial, TrialState state)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (state is not (TrialState.Pruned or TrialState.Fail))
        {
            throw new ArgumentException(
                $"A trial can be told {state} only with values; tell Pruned or Fail, or pass the objective values.", nameof(state));
        }

        EnsureOwnAndRunning(trial);
        return Finish(trial, state, null, state == TrialState.Fail ? "Told Fail." : null);
    }

    /// <summary>Completes the single-objective trial with number <paramref name="trialNumber"/>.</summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="value">The objective value.</param>
    /// <returns>The finished trial.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No trial has that number.</exception>
    public TrialRecord Tell(int trialNumber, double value) => Tell(TrialByNumber(trialNumber), value);

    /// <summary>Completes the single-objective trial with number <paramref name="trialNumber"/> with a whole-number value.</summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="value">The objective value.</param>
    /// <returns>The finished trial.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No trial has that number.</exception>
    public TrialRecord Tell(int trialNumber, int value) => Tell(TrialByNumber(trialNumber), [(double)value]);

    /// <summary>Completes the trial with number <paramref name="trialNumber"/>.</summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="values">The objective values.</param>
    /// <returns>The finished trial.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No trial has that number.</exception>
    public TrialRecord Tell(int trialNumber, IReadOnlyList<double> values) => Tell(TrialByNumber(trialNumber), values);

    /// <summary>Finishes the trial with number <paramref name="trialNumber"/> as pruned or failed.</summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="state"><see cref="TrialState.Pruned"/> or <see cref="TrialState.Fail"/>.</param>
    /// <returns>The finished trial.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No trial has that number.</exception>
    public TrialRecord Tell(int trialNumber, TrialState state) => Tell(TrialByNumber(trialNumber), state);

    /// <summary>
    /// Enqueues a trial with fixed parameters: the next <see cref="Ask()"/> (by any worker) takes it, and
    /// its suggest calls return these values. Parameters it does not fix are sampled as usual.
    /// </summary>
    /// <param name="parameters">Parameter values by name.</param>
    /// <param name="userAttrs">User attributes of the trial; default none.</param>
    /// <param name="skipIfExists">Do nothing when a trial with the same parameters already exists (in any state). Default <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when a trial was enqueued.</returns>
    /// <exception cref="ArgumentException">A value has no JSON form.</exception>
    public bool EnqueueTrial(
        IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyDictionary<string, object?>? userAttrs = null,
        bool skipIfExists = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var fixedParams = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            fixedParams[name] = AttributeValue.Normalize(value, name);
        }

        if (skipIfExists && Trials.Any(t => SameParams(t, fixedParams)))
        {
            return false;
        }

        StorageBackend.CreateTrial(studyId, new TrialRecord
        {
            State = TrialState.Waiting,
            SystemAttrs = new Dictionary<string, object?>(StringComparer.Ordinal) { [Trial.FixedParamsKey] = fixedParams },
            UserAttrs = NormalizeAttrs(userAttrs),
        });
        return true;
    }

    /// <summary>
    /// Adds a finished (or waiting) trial that was evaluated elsewhere, e.g. a known good configuration
    /// or a result from an earlier study. Samplers learn from it like from any other trial.
    /// </summary>
    /// <param name="trial">The trial: <see cref="TrialRecord.Params"/> with matching <see cref="TrialRecord.Distributions"/>, a state, and values when complete.</param>
    /// <returns>The stored trial, with its number.</returns>
    /// <exception cref="ArgumentException">The state is Running, values are missing, wrong in number or not finite, or a parameter is outside its distribution.</exception>
    public TrialRecord AddTrial(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.State == TrialState.Running)
        {
            throw new ArgumentException("An added trial must be Complete, Pruned, Fail or Waiting, not Running.", nameof(trial));
        }

        if (trial.State == TrialState.Complete)
        {
            if (trial.Values is not { } values)
            {
                throw new ArgumentException("A Complete trial needs Values.", nameof(trial));
            }

            if (CheckValues(values) is { } problem)
            {
                throw new ArgumentException(problem, nameof(trial));
            }
        }
        else if (trial.Values is not null && trial.State != TrialState.Pruned)
        {
            throw new ArgumentException($"A {trial.State} trial has no values, but Values were given.", nameof(trial));
        }

        var internalParams = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in trial.Params)
        {
            if (!trial.Distributions.TryGetValue(name, out var distribution))
            {
                throw new ArgumentException($"Parameter '{name}' has no distribution in Distributions.", nameof(trial));
            }

            var internalValue = distribution.ToInternal(value);
            if (!distribution.Contains(internalValue))
            {
                throw new ArgumentException(
                    $"The value {Convert.ToString(value, CultureInfo.InvariantCulture)} of parameter '{name}' is outside {distribution}.", nameof(trial));
            }

            internalParams[name] = internalValue;
        }

        foreach (var name in trial.Distributions.Keys)
        {
            if (!trial.Params.ContainsKey(name))
            {
                throw new ArgumentException($"Distribution '{name}' has no value in Params.", nameof(trial));
            }
        }

        var now = Time.GetUtcNow();
        return StorageBackend.CreateTrial(studyId, trial with
        {
            InternalParams = internalParams,
            UserAttrs = NormalizeAttrs(trial.UserAttrs),
            SystemAttrs = NormalizeAttrs(trial.SystemAttrs),
            StartedAt = trial.State == TrialState.Waiting ? trial.StartedAt : trial.StartedAt ?? now,
            CompletedAt = trial.State.IsFinished() ? trial.CompletedAt ?? now : null,
        });
    }

    /// <summary>Writes the final state of a running trial, after letting the sampler see it.</summary>
    internal TrialRecord Finish(Trial trial, TrialState state, IReadOnlyList<double>? values, string? failReason)
    {
        StopHeartbeat(trial);
        try
        {
            if (state == TrialState.Pruned)
            {
                var last = trial.ToRecord();
                if (last.LastStep is { } step && double.IsFinite(last.IntermediateValues[step]) && Directions.Count == 1)
                {
                    values = [last.IntermediateValues[step]];
                }
            }

            if (failReason is not null)
            {
                trial.SetSystemAttr(FailReasonKey, failReason);
            }

            Sampler.AfterTrial(this, trial, state, state == TrialState.Complete ? values : null);
        }
        finally
        {
            StorageBackend.SetTrialStateValues(trial.TrialId, state, values);
            activeTrials.TryRemove(trial.Number, out _);
        }

        var record = StorageBackend.GetTrial(trial.TrialId);
        LogFinished(record, failReason);
        AttuneTelemetry.RecordFinished(Name, record);
        return record;
    }

    /// <summary>A problem with objective values, or <see langword="null"/> when they are acceptable.</summary>
    internal string? CheckValues(IReadOnlyList<double> values)
    {
        if (values.Count != Directions.Count)
        {
            return $"The objective returned {values.Count} value(s), but the study has {Directions.Count} direction(s).";
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return $"Objective value {i} is {values[i].ToString(CultureInfo.InvariantCulture)}; values must be finite numbers.";
            }
        }

        return null;
    }

    private static Dictionary<string, object?> NormalizeAttrs(IReadOnlyDictionary<string, object?>? attrs)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (attrs is not null)
        {
            foreach (var (key, value) in attrs)
            {
                result[key] = AttributeValue.Normalize(value, key);
            }
        }

        return result;
    }

    private static bool SameParams(TrialRecord trial, Dictionary<string, object?> parameters)
    {
        IReadOnlyDictionary<string, object?> existing =
            trial.State == TrialState.Waiting && trial.SystemAttrs.TryGetValue(Trial.FixedParamsKey, out var f) && f is IReadOnlyDictionary<string, object?> map
                ? map
                : trial.Params;
        if (existing.Count != parameters.Count)
        {
            return false;
        }

        foreach (var (name, value) in parameters)
        {
            if (!existing.TryGetValue(name, out var other)
                || !Equals(CategoricalDistribution.Canonical(AttributeValue.Normalize(other, name)), CategoricalDistribution.Canonical(value)))
            {
                return false;
            }
        }

        return true;
    }

    private void EnsureOwnAndRunning(Trial trial)
    {
        if (!ReferenceEquals(trial.Study, this) && trial.Study.StudyId != studyId)
        {
            throw new ArgumentException($"Trial {trial.Number} belongs to study '{trial.Study.Name}', not '{Name}'.", nameof(trial));
        }

        var state = StorageBackend.GetTrial(trial.TrialId).State;
        if (state.IsFinished())
        {
            throw new InvalidOperationException($"Trial {trial.Number} of study '{Name}' is already finished ({state}); a trial is told once.");
        }

        if (state == TrialState.Waiting)
        {
            throw new InvalidOperationException($"Trial {trial.Number} of study '{Name}' is waiting; ask for it before telling it.");
        }
    }

    private Trial TrialByNumber(int trialNumber)
    {
        if (activeTrials.TryGetValue(trialNumber, out var trial))
        {
            return trial;
        }

        var trials = Trials;
        if (trialNumber < 0 || trialNumber >= trials.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(trialNumber), trialNumber, $"Study '{Name}' has trials 0 to {trials.Count - 1}.");
        }

        return new Trial(this, trials[trialNumber]);
    }

    private void LogFinished(TrialRecord record, string? failReason)
    {
        if (!Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            if (record.State == TrialState.Fail)
            {
                Log.TrialFailed(Logger, record.Number, failReason ?? "unknown reason");
            }

            return;
        }

        switch (record.State)
        {
            case TrialState.Complete when Directions.Count == 1:
                var best = FindBest(Trials, Directions[0]);
                Log.TrialCompleted(
                    Logger,
                    record.Number,
                    record.Value!.Value.ToString("R", CultureInfo.InvariantCulture),
                    FormatParams(record.Params),
                    best?.Number ?? record.Number,
                    (best?.Value ?? record.Value!.Value).ToString("R", CultureInfo.InvariantCulture));
                break;
            case TrialState.Complete:
                Log.TrialCompletedMulti(
                    Logger,
                    record.Number,
                    "[" + string.Join(", ", record.Values!.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]",
                    FormatParams(record.Params));
                break;
            case TrialState.Pruned:
                Log.TrialPruned(Logger, record.Number, record.LastStep?.ToString(CultureInfo.InvariantCulture) ?? "none");
                break;
            case TrialState.Fail:
                Log.TrialFailed(Logger, record.Number, failReason ?? "unknown reason");
                break;
        }
    }

    private static string FormatParams(IReadOnlyDictionary<string, object?> parameters) =>
        "{" + string.Join(", ", parameters.Select(p => $"'{p.Key}': {Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "null"}")) + "}";
}
