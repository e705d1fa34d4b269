using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>Timestamps as Python's naive <c>isoformat</c> in the writer's local time.</summary>
public sealed class OptunaDateTimeTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.CreateCustomTimeZone("UTC+9", TimeSpan.FromHours(9), "UTC+9", "UTC+9");

    [Fact]
    public void Times_are_written_in_local_time_to_the_microsecond_without_offset()
    {
        var time = new DateTimeOffset(2026, 11, 27, 0, 53, 47, TimeSpan.Zero).AddTicks(3797419);
        Assert.Equal("2026-11-27T09:53:47.379741", OptunaDateTime.Format(time, Tokyo));
        Assert.Equal("2026-11-27T00:53:47.000000", OptunaDateTime.Format(new DateTimeOffset(2026, 11, 27, 0, 53, 47, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2026-11-27T09:53:47.379741", 3797410)]
    [InlineData("2026-11-27T09:53:47", 0)]
    [InlineData("2026-11-27 09:53:47.5", 5000000)]
    [InlineData("2026-11-27T09:53:47.379741+09:00", 3797410)]
    [InlineData("2026-11-27T00:53:47.379741Z", 3797410)]
    public void Naive_times_are_local_and_explicit_offsets_are_kept(string text, long ticks)
    {
        Assert.True(OptunaDateTime.TryParse(text, Tokyo, out var time));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 53, 47, TimeSpan.Zero).AddTicks(ticks), time);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00")]
    [InlineData("")]
    public void Other_text_is_not_a_time(string text) => Assert.False(OptunaDateTime.TryParse(text, Tokyo, out _));
}
