using System.Globalization;

namespace Attune.Storage.Journal;

/// <summary>
/// Times as Optuna's journal holds them: Python's naive <c>datetime.isoformat(timespec="microseconds")</c> in the
/// writer's local time, e.g. <c>2026-11-27T09:53:47.379741</c>.
/// </summary>
internal static class OptunaDateTime
{
    private static readonly string[] NaiveFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd' 'HH:mm",
        "yyyy-MM-dd",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>The local time of <paramref name="time"/> in <paramref name="zone"/>, to the microsecond, without offset.</summary>
    public static string Format(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Reads an ISO time; one without an offset is local time in <paramref name="zone"/>.</summary>
    public static bool TryParse(string text, TimeZoneInfo zone, out DateTimeOffset time)
    {
        if (DateTime.TryParseExact(text, NaiveFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var naive))
        {
            time = new DateTimeOffset(naive, zone.GetUtcOffset(naive));
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            return true;
        }

        time = default;
        return false;
    }
}
