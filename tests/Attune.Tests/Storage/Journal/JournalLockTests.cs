using System.Diagnostics;
using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>The <c>PATH.lock</c> protocol: held locks are waited for, stale ones taken over.</summary>
public sealed class JournalLockTests
{
    [Fact]
    public async Task A_stale_lock_file_left_by_a_killed_writer_is_taken_over()
    {
        using var dir = new TempDirectory();
        var path = dir.File("stale.journal");
        var lockPath = path + ".lock";
        File.WriteAllText(lockPath, string.Empty);
        File.SetLastWriteTimeUtc(lockPath, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5));
        var logs = new ListLoggerFactory();

        using var storage = new JournalStorage(new JournalFileBackend(path, new JournalFileBackendOptions { LoggerFactory = logs }));
        var write = Task.Run(() => storage.CreateStudy("s", [StudyDirection.Minimize]));

        Assert.True(await Finishes(write, TimeSpan.FromSeconds(10)), "the write waited for a stale lock");
        Assert.Equal(0, await write);
        Assert.Contains(logs.Warnings, w => w.Contains("stale lock", StringComparison.Ordinal));
        Assert.False(File.Exists(lockPath));
    }

    [Fact]
    public async Task An_old_lock_file_held_open_by_a_live_writer_is_not_taken_over()
    {
        using var dir = new TempDirectory();
        var path = dir.File("held.journal");
        var lockPath = path + ".lock";
        File.WriteAllText(lockPath, string.Empty);
        File.SetLastWriteTimeUtc(lockPath, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5));
        var holder = File.OpenHandle(lockPath, FileMode.Open, FileAccess.Write, FileShare.None, FileOptions.DeleteOnClose);

        using var storage = new JournalStorage(new JournalFileBackend(path));
        var write = Task.Run(() => storage.CreateStudy("s", [StudyDirection.Minimize]));
        try
        {
            Assert.False(await Finishes(write, TimeSpan.FromMilliseconds(700)), "the write did not wait for a held lock");
            Assert.True(File.Exists(lockPath));
        }
        finally
        {
            holder.Dispose();
        }

        Assert.True(await Finishes(write, TimeSpan.FromSeconds(10)), "the write did not go on after the lock was released");
        Assert.Equal(0, await write);
    }

    [Fact]
    public async Task A_fresh_lock_file_held_by_no_OS_lock_is_respected_until_it_is_older_than_the_grace_period()
    {
        using var dir = new TempDirectory();
        var path = dir.File("optuna.journal");
        var lockPath = path + ".lock";
        var grace = TimeSpan.FromSeconds(2);

        // Optuna's JournalFileOpenLock: the file exists, nobody holds it open.
        File.WriteAllText(lockPath, string.Empty);
        var created = Stopwatch.StartNew();
        using var storage = new JournalStorage(new JournalFileBackend(path, new JournalFileBackendOptions { StaleLockAge = grace }));
        var write = Task.Run(() => storage.CreateStudy("s", [StudyDirection.Minimize]));

        Assert.False(await Finishes(write, TimeSpan.FromMilliseconds(700)), "a fresh lock file was not respected");
        Assert.True(await Finishes(write, TimeSpan.FromSeconds(15)), "an old unheld lock file was not taken over");
        Assert.True(created.Elapsed >= grace - TimeSpan.FromMilliseconds(100), $"taken over after {created.Elapsed}");
    }

    [Fact]
    public async Task Writers_release_the_lock_file_and_a_held_lock_blocks_other_backends()
    {
        using var dir = new TempDirectory();
        var path = dir.File("release.journal");
        using var first = new JournalFileBackend(path);
        using var second = new JournalFileBackend(path);

        var entered = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var holder = Task.Run(() => first.RunExclusive(() =>
        {
            Assert.True(File.Exists(first.LockPath));
            entered.Set();
            release.Wait();
            return 0;
        }));
        entered.Wait();
        var other = Task.Run(() => second.RunExclusive(() => 1));
        Assert.False(await Finishes(other, TimeSpan.FromMilliseconds(300)));
        release.Set();
        Assert.True(await Finishes(other, TimeSpan.FromSeconds(10)));
        await holder;
        Assert.False(File.Exists(first.LockPath));

        // Re-entrant on the holding thread.
        Assert.Equal(2, first.RunExclusive(() => first.RunExclusive(() => 2)));
    }

    private static async Task<bool> Finishes(Task task, TimeSpan within) =>
        await Task.WhenAny(task, Task.Delay(within)) == task;

    [Fact]
    public void Invalid_options_fail_when_the_backend_is_created()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() => new JournalFileBackend(dir.File("x.journal"), new JournalFileBackendOptions { StaleLockAge = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new JournalFileBackend(string.Empty));
        using var backend = new JournalFileBackend(dir.File("y.journal"));
        Assert.Throws<ArgumentException>(() => backend.AppendLines(["a\nb"u8.ToArray()], commit: false));
    }
}
