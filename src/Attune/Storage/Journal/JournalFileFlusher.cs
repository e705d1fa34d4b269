using Microsoft.Extensions.Logging;

namespace Attune.Storage.Journal;

/// <summary>
/// Flushes a journal file's commits to the disk: at once, or (with a positive delay) by one <c>fsync</c> a delay after
/// the first commit not yet flushed, which covers every commit made meanwhile (a group commit).
/// </summary>
internal sealed class JournalFileFlusher : IDisposable
{
    private readonly Action flush;
    private readonly string path;
    private readonly ILogger logger;
    private readonly DeferredWrite? deferred;
    private readonly Lock gate = new();
    private bool scheduled;
    private bool disposed;

    /// <param name="flush">Flushes the file (<c>fsync</c>).</param>
    /// <param name="delay">How long a commit may wait for its flush; zero to flush at once.</param>
    /// <param name="time">The clock of the timer.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="logger">Where a failed scheduled flush is logged.</param>
    public JournalFileFlusher(Action flush, TimeSpan delay, TimeProvider time, string path, ILogger logger)
    {
        this.flush = flush;
        this.path = path;
        this.logger = logger;
        if (delay > TimeSpan.Zero)
        {
            deferred = new DeferredWrite(time, delay, FlushScheduled);
        }
    }

    /// <summary>Records that a commit was written: flushes it now, or makes sure a flush is scheduled.</summary>
    public void Committed()
    {
        if (deferred is null)
        {
            flush();
            return;
        }

        lock (gate)
        {
            if (disposed || scheduled)
            {
                // A flush is due that will cover this commit (it starts after the commit was written).
                return;
            }

            scheduled = true;
        }

        deferred.Arm();
    }

    /// <summary>Stops the timer and flushes a commit still waiting for it.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            deferred?.Dispose();
            if (scheduled)
            {
                scheduled = false;
                Flush();
            }
        }
    }

    private void FlushScheduled()
    {
        lock (gate)
        {
            if (!scheduled || disposed)
            {
                return;
            }

            // Cleared before the fsync: a commit written during it may miss it, so it schedules the next one.
            scheduled = false;
            Flush();
        }
    }

    private void Flush()
    {
        try
        {
            flush();
        }
        catch (IOException e)
        {
            // On a timer thread there is no caller to tell; the commits stay written, only not known to be on disk.
            JournalLog.FlushFailed(logger, path, e);
        }
    }
}
