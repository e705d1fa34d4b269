namespace Attune;

/// <summary>How <see cref="Study.Optimize(Func{Trial, double}, OptimizeOptions?)"/> runs.</summary>
public sealed record OptimizeOptions
{
    /// <summary>How many trials this call runs, over all workers.</summary>
    /// <value>Default <see langword="null"/>: no limit (stop with <see cref="Timeout"/>, <see cref="Study.Stop"/> or cancellation).</value>
    public int? Trials { get; init; }

    /// <summary>No trial starts after this much time from the start of the call; running trials finish.</summary>
    /// <value>Default <see langword="null"/>: no limit.</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many trials run at once (threads for <c>Optimize</c>, concurrent tasks for <c>OptimizeAsync</c>); -1 for one per processor.</summary>
    /// <value>Default 1: trials run one after another on the calling thread.</value>
    public int Parallelism { get; init; } = 1;

    /// <summary>Exception types that fail a trial without stopping the study (subclasses included). Any other exception fails the trial, stops the study and is rethrown.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<Type> Catch { get; init; } = [];

    /// <summary>Called after every finished trial with the study and the trial's final snapshot, on the worker that ran it.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<Action<Study, TrialRecord>> Callbacks { get; init; } = [];

    /// <summary>Log a progress line (trials done, best value, elapsed time, estimated time left) after every finished trial, at Information level.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ShowProgress { get; init; }

    /// <summary>Receives a progress report after every finished trial.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public IProgress<OptimizeProgress>? Progress { get; init; }
}
