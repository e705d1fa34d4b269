using System.Globalization;
using System.Text.Json;

namespace Attune;

/// <summary>Writes doubles the way Python's <c>json</c> module does, so files written here read the same in Optuna.</summary>
internal static class JsonNumbers
{
    /// <summary>Writes <paramref name="value"/> as a JSON number with a decimal point when it is whole (<c>2.0</c>, not <c>2</c>),
    /// and as Python's <c>NaN</c>/<c>Infinity</c> tokens when it is not finite.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value) => writer.WriteRawValue(Format(value), skipInputValidation: true);

    /// <summary>The JSON text of <paramref name="value"/> (see <see cref="WriteDouble"/>).</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") >= 0 ? text : text + ".0";
    }
}
