using Attune.Storage.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Tests.Storage.Journal;

/// <summary>The journal file's flushes: at once, or one group commit per delay.</summary>
public sealed class JournalFileFlusherTests
{
    [Fact]
    public void Without_a_delay_every_commit_is_flushed_before_it_returns()
    {
        var flushes = 0;
        using var flusher = new JournalFileFlusher(() => flushes++, TimeSpan.Zero, new FakeTimeProvider(), "j", NullLogger.Instance);

        flusher.Committed();
        flusher.Committed();

        Assert.Equal(2, flushes);
    }

    [Fact]
    public void With_a_delay_the_commits_made_meanwhile_share_one_flush()
    {
        var flushes = 0;
        var time = new FakeTimeProvider();
        using var flusher = new JournalFileFlusher(() => flushes++, TimeSpan.FromMilliseconds(100), time, "j", NullLogger.Instance);

        flusher.Committed();
        time.Advance(TimeSpan.FromMilliseconds(60));
        flusher.Committed();
        flusher.Committed();
        Assert.Equal(0, flushes);

        time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(1, flushes);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, flushes);

        flusher.Committed();
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, flushes);
    }

    [Fact]
    public void Dispose_flushes_a_commit_still_waiting_and_nothing_after()
    {
        var flushes = 0;
        var time = new FakeTimeProvider();
        var flusher = new JournalFileFlusher(() => flushes++, TimeSpan.FromSeconds(1), time, "j", NullLogger.Instance);
        flusher.Committed();

        flusher.Dispose();
        Assert.Equal(1, flushes);

        flusher.Committed();
        time.Advance(TimeSpan.FromSeconds(5));
        flusher.Dispose();
        Assert.Equal(1, flushes);
    }

    [Fact]
    public void Dispose_without_a_waiting_commit_does_not_flush()
    {
        var flushes = 0;
        var time = new FakeTimeProvider();
        var flusher = new JournalFileFlusher(() => flushes++, TimeSpan.FromSeconds(1), time, "j", NullLogger.Instance);
        flusher.Committed();
        time.Advance(TimeSpan.FromSeconds(1));

        flusher.Dispose();

        Assert.Equal(1, flushes);
    }

    [Fact]
    public void A_negative_delay_is_rejected()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new JournalFileBackend(dir.File("j.journal"), new JournalFileBackendOptions { FlushDelay = TimeSpan.FromMilliseconds(-1) }));
    }
}
