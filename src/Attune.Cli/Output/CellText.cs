using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Attune.Cli;

/// <summary>Formats cell values as text, invariantly: numbers round-trip, lists and dictionaries as compact JSON.</summary>
internal static class CellText
{
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IReadOnlyDictionary<string, object?> or IEnumerable<object?> => Json(value),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string FormatNumber(double d) => double.IsNaN(d) ? "nan" : double.IsInfinity(d) ? (d > 0 ? "inf" : "-inf") : d.ToString("R", CultureInfo.InvariantCulture);

    public static bool IsNumber(object? value) => value is double or float or long or int;

    public static string Json(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOutput.WriterOptions(indented: false)))
        {
            JsonOutput.WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
