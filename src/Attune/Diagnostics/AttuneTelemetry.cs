using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Attune.Diagnostics;

/// <summary>
/// Attune's tracing and metrics, both named <c>"Attune"</c>: one activity per trial run by
/// <c>Optimize</c> (tags: study, trial number, state) and counters of finished trials by state.
/// Listen with <c>AddSource("Attune")</c> / <c>AddMeter("Attune")</c> in OpenTelemetry; without a
/// listener they cost next to nothing.
/// </summary>
public static class AttuneTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Attune";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> FinishedTrials = Meter.CreateCounter<long>(
        "attune.trials.finished", unit: "{trial}", description: "Trials finished, tagged by state.");

    private static readonly Histogram<double> TrialDuration = Meter.CreateHistogram<double>(
        "attune.trial.duration", unit: "s", description: "Wall time of finished trials.");

    internal static void RecordFinished(string study, TrialRecord trial)
    {
        if (!FinishedTrials.Enabled && !TrialDuration.Enabled)
        {
            return;
        }

        var state = new KeyValuePair<string, object?>("attune.trial.state", StateName(trial.State));
        var name = new KeyValuePair<string, object?>("attune.study", study);
        FinishedTrials.Add(1, state, name);
        if (trial.Duration is { } d)
        {
            TrialDuration.Record(d.TotalSeconds, state, name);
        }
    }

    internal static string StateName(TrialState state) => state switch
    {
        TrialState.Complete => "complete",
        TrialState.Pruned => "pruned",
        TrialState.Fail => "fail",
        TrialState.Waiting => "waiting",
        _ => "running",
    };
}
