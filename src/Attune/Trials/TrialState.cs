namespace Attune;

/// <summary>The life-cycle state of a trial.</summary>
public enum TrialState
{
    /// <summary>A worker is evaluating the trial.</summary>
    Running = 0,

    /// <summary>Enqueued and not yet taken by a worker.</summary>
    Waiting = 1,

    /// <summary>Finished with objective values.</summary>
    Complete = 2,

    /// <summary>Stopped early by a pruner.</summary>
    Pruned = 3,

    /// <summary>The objective threw, returned an invalid value, or the worker died.</summary>
    Fail = 4,
}

/// <summary>Helpers on <see cref="TrialState"/>.</summary>
public static class TrialStateExtensions
{
    /// <summary>Whether the state is final (<see cref="TrialState.Complete"/>, <see cref="TrialState.Pruned"/> or <see cref="TrialState.Fail"/>).</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> for a finished trial.</returns>
    public static bool IsFinished(this TrialState state) =>
        state is TrialState.Complete or TrialState.Pruned or TrialState.Fail;
}
