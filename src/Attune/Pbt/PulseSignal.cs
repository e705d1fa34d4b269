namespace Attune.Pbt;

/// <summary>Wakes every waiter at once: a waiter takes <see cref="Next"/> before checking for work, so no pulse after that is missed.</summary>
internal sealed class PulseSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next pulse.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    /// <summary>Completes the current task and starts a new one.</summary>
    public void Pulse() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
