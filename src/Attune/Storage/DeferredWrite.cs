namespace Attune.Storage;

/// <summary>
/// A write that a storage defers for a short delay so that it can travel with the next one, and that a timer makes on
/// its own when no other write comes: storages use it for buffered trial parameters (which other processes should see
/// soon even while the trial runs for hours) and the journal file for its group commit. Thread-safe; the callback runs
/// on a timer thread, outside this object's lock, so it may take the owner's locks.
/// </summary>
internal sealed class DeferredWrite : IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeSpan delay;
    private readonly ITimer? timer;
    private bool armed;
    private bool disposed;

    /// <summary>Creates the deferral.</summary>
    /// <param name="time">The clock whose timer runs <paramref name="write"/>.</param>
    /// <param name="delay">How long a write may wait; <see cref="Timeout.InfiniteTimeSpan"/>: until the next write.</param>
    /// <param name="write">Makes the deferred write; it must not throw.</param>
    public DeferredWrite(TimeProvider time, TimeSpan delay, Action write)
    {
        this.delay = delay;
        if (delay != Timeout.InfiniteTimeSpan)
        {
            timer = time.CreateTimer(_ => Fire(write), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Checks a delay option: zero or positive, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="name">The option's name, for the message.</param>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative and not infinite.</exception>
    public static void Validate(TimeSpan delay, string name)
    {
        if (delay < TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, delay, $"{name} must be zero or positive, or Timeout.InfiniteTimeSpan, but got {delay}.");
        }
    }

    /// <summary>Starts the delay unless it is already running: the write happens when it ends.</summary>
    public void Arm()
    {
        lock (gate)
        {
            if (timer is null || armed || disposed)
            {
                return;
            }

            armed = true;
            timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops the timer; a write not yet made is left to the owner.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        timer?.Dispose();
    }

    private void Fire(Action write)
    {
        lock (gate)
        {
            armed = false;
            if (disposed)
            {
                return;
            }
        }

        write();
    }
}
