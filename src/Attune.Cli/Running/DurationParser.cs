using System.Globalization;

namespace Attune.Cli;

/// <summary>Reads durations written as seconds (<c>90</c>, <c>1.5</c>) or with a unit (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>).</summary>
internal static class DurationParser
{
    /// <exception cref="CliException">The text is not a positive duration.</exception>
    public static TimeSpan? Parse(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim().ToLowerInvariant();
        var (number, scale) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (trimmed[..^2], 0.001),
            _ when trimmed.EndsWith('s') => (trimmed[..^1], 1.0),
            _ when trimmed.EndsWith('m') => (trimmed[..^1], 60.0),
            _ when trimmed.EndsWith('h') => (trimmed[..^1], 3600.0),
            _ => (trimmed, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || !double.IsFinite(value))
        {
            throw new CliException(ExitCodes.Usage, $"{option} must be a positive duration such as 90, 30s, 5m or 2h, but is '{text}'.");
        }

        return TimeSpan.FromSeconds(value * scale);
    }

    public static string Format(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
