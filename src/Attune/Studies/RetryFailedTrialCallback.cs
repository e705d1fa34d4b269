using System.Globalization;
using Attune.Diagnostics;

namespace Attune;

/// <summary>
/// Runs a trial again after its worker died: use its <see cref="Invoke"/> as <see cref="StudyOptions.FailedTrialCallback"/>.
/// The failed trial is enqueued again as a <see cref="TrialState.Waiting"/> trial with the same parameters and user
/// attributes, and the system attributes <c>failed_trial</c> (the number of the first trial of the chain) and
/// <c>retry_history</c> (the numbers of every failed attempt, oldest first), exactly as Optuna's
/// <c>RetryFailedTrialCallback</c> does, so that Optuna's tools read the retries.
/// </summary>
/// <param name="maxRetry">How many times a trial is retried; default <see langword="null"/>: without limit.</param>
/// <param name="inheritIntermediateValues">Whether the retry starts with the failed trial's intermediate values; default <see langword="false"/>.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRetry"/> is negative.</exception>
public sealed class RetryFailedTrialCallback(int? maxRetry = null, bool inheritIntermediateValues = false)
{
    /// <summary>The system attribute holding the number of the original trial that failed.</summary>
    public const string FailedTrialKey = "failed_trial";

    /// <summary>The system attribute holding the numbers of every failed attempt, oldest first.</summary>
    public const string RetryHistoryKey = "retry_history";

    /// <summary>How many times a trial is retried; <see langword="null"/> for no limit.</summary>
    public int? MaxRetry { get; } = maxRetry is < 0
        ? throw new ArgumentOutOfRangeException(nameof(maxRetry), maxRetry, "maxRetry must be >= 0 or null.")
        : maxRetry;

    /// <summary>Whether a retry starts with the failed trial's intermediate values.</summary>
    public bool InheritIntermediateValues { get; } = inheritIntermediateValues;

    /// <summary>The number of the original trial that <paramref name="trial"/> retries, or <see langword="null"/> when it is no retry.</summary>
    /// <param name="trial">A trial.</param>
    /// <returns>The original trial's number.</returns>
    public static int? RetriedTrialNumber(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.SystemAttrs.TryGetValue(FailedTrialKey, out var value) && value is long number ? (int)number : null;
    }

    /// <summary>The numbers of the failed attempts before <paramref name="trial"/>, oldest first; empty when it is no retry.</summary>
    /// <param name="trial">A trial.</param>
    /// <returns>The trial numbers.</returns>
    public static IReadOnlyList<int> RetryHistory(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.SystemAttrs.TryGetValue(RetryHistoryKey, out var value) && value is IEnumerable<object?> items
            ? [.. items.Select(i => Convert.ToInt32(i, CultureInfo.InvariantCulture))]
            : [];
    }

    /// <summary>Enqueues a retry of <paramref name="trial"/> unless it has been retried <see cref="MaxRetry"/> times.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The failed trial.</param>
    public void Invoke(Study study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var history = new List<object?>(RetryHistory(trial).Select(n => (object?)(long)n)) { (long)trial.Number };
        if (MaxRetry is { } max && history.Count > max)
        {
            return;
        }

        var systemAttrs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in trial.SystemAttrs)
        {
            systemAttrs[key] = value;
        }

        systemAttrs.TryAdd(FailedTrialKey, (long)trial.Number);
        systemAttrs[RetryHistoryKey] = history;
        systemAttrs.Remove(Study.FailReasonKey);
        systemAttrs.Remove(Storage.Journal.JournalStorage.HeartbeatKey);
        var retry = study.AddTrial(new TrialRecord
        {
            State = TrialState.Waiting,
            Params = trial.Params,
            Distributions = trial.Distributions,
            UserAttrs = trial.UserAttrs,
            SystemAttrs = systemAttrs,
            IntermediateValues = InheritIntermediateValues ? trial.IntermediateValues : new SortedDictionary<long, double>(),
        });
        Log.TrialRetried(study.Logger, retry.Number, (int)(long)systemAttrs[FailedTrialKey]!, history.Count);
    }
}
