using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Attune.Storage.Journal;

/// <summary>
/// The inter-process lock of a journal file: the file <c>PATH.lock</c>, created exclusively and deleted on release.
/// Optuna 3.1's <c>JournalFileSymlinkLock</c> and <c>JournalFileOpenLock</c> also treat an existing <c>PATH.lock</c>
/// as held, so Attune and Optuna writers exclude each other. Attune additionally holds the lock file open with
/// <see cref="FileShare.None"/> (an OS lock, released when the process dies), which tells a lock left by a killed
/// Attune process from a held one.
/// </summary>
internal sealed class JournalFileLock(string journalPath, TimeSpan staleAge, ILogger logger)
{
    private const int SpinAttempts = 4;
    private const int MaxSleepMilliseconds = 10;
    private const int MaxFailuresWithoutLockFile = 100;

    private readonly string lockPath = journalPath + ".lock";

    /// <summary>The lock file's path.</summary>
    public string LockPath => lockPath;

    /// <summary>Waits until the lock is free and takes it.</summary>
    /// <returns>The open lock file; disposing it deletes the file and so releases the lock.</returns>
    /// <exception cref="IOException">The lock file cannot be created for a reason other than being held.</exception>
    public SafeFileHandle Acquire()
    {
        var attempt = 0;
        var failuresWithoutLockFile = 0;
        while (true)
        {
            try
            {
                return File.OpenHandle(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.DeleteOnClose);
            }
            catch (IOException e) when (e is not DirectoryNotFoundException and not PathTooLongException)
            {
                if (!LockFileExists())
                {
                    // Released between the attempt and the check, or an error other than "it exists".
                    if (++failuresWithoutLockFile >= MaxFailuresWithoutLockFile)
                    {
                        throw;
                    }

                    continue;
                }

                failuresWithoutLockFile = 0;
            }

            if (attempt >= SpinAttempts)
            {
                TryBreakStale();
            }

            Wait(attempt++);
        }
    }

    private static void Wait(int attempt)
    {
        if (attempt < SpinAttempts)
        {
            Thread.SpinWait(64 << attempt);
        }
        else
        {
            Thread.Sleep(Math.Min(1 << Math.Min(attempt - SpinAttempts, 4), MaxSleepMilliseconds));
        }
    }

    private bool LockFileExists() => File.Exists(lockPath) || new FileInfo(lockPath).LinkTarget is not null;

    /// <summary>Deletes the lock file when it is older than the grace period and no live process holds it.</summary>
    private void TryBreakStale()
    {
        var info = new FileInfo(lockPath);
        var isSymlink = info.LinkTarget is not null;
        if (!info.Exists && !isSymlink)
        {
            return;
        }

        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var modified = info.LastWriteTimeUtc;
        if (now - modified < staleAge)
        {
            return;
        }

        if (isSymlink)
        {
            // Optuna's JournalFileSymlinkLock: nobody holds an OS lock on it, so its age is all there is to go by.
            TryDelete();
        }
        else if (!TryDeleteUnheld(now))
        {
            return;
        }

        JournalLog.StaleLockTakenOver(logger, journalPath, lockPath, (now - modified).ToString("g", CultureInfo.InvariantCulture));
    }

    /// <summary>Deletes the lock file if this process can lock it (so no live Attune process holds it) and it is still the old file.</summary>
    private bool TryDeleteUnheld(DateTime now)
    {
        SafeFileHandle probe;
        try
        {
            // FileShare.None takes an exclusive OS lock on Unix and fails while a live holder has it open; on
            // Windows the holder's own FileShare.None makes the open fail, and FileShare.Delete lets us delete it.
            probe = File.OpenHandle(lockPath, FileMode.Open, FileAccess.Read, OperatingSystem.IsWindows() ? FileShare.Delete : FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        using (probe)
        {
            // The file we locked must be the old one the path still names, not a fresh lock created meanwhile.
            var lockedModified = File.GetLastWriteTimeUtc(probe);
            if (now - lockedModified < staleAge || File.GetLastWriteTimeUtc(lockPath) != lockedModified)
            {
                return false;
            }

            return TryDelete();
        }
    }

    private bool TryDelete()
    {
        try
        {
            File.Delete(lockPath);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
