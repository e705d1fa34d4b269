using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Attune;

/// <summary>
/// Converts attribute values to the JSON-like form every storage keeps them in, so that a value
/// reads back the same from memory, a journal file or a database: <see langword="null"/>,
/// <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/>,
/// <see cref="IReadOnlyList{T}"/> of values, and <see cref="IReadOnlyDictionary{TKey, TValue}"/>
/// from <see cref="string"/> to values.
/// </summary>
public static class AttributeValue
{
    /// <summary>Returns <paramref name="value"/> in the canonical JSON-like form.</summary>
    /// <param name="value">A null, boolean, number, string, enum, <see cref="DateTime"/>, <see cref="JsonElement"/>,
    /// list of such values, or dictionary with string keys.</param>
    /// <param name="name">The attribute's key, for the message.</param>
    /// <returns>The normalized value.</returns>
    /// <exception cref="ArgumentException">The value has no JSON form, or a number is NaN or infinite.</exception>
    public static object? Normalize(object? value, string name = "value") => value switch
    {
        null => null,
        bool b => b,
        string s => s,
        int i => (long)i,
        long l => l,
        short s => (long)s,
        byte b => (long)b,
        sbyte sb => (long)sb,
        uint ui => (long)ui,
        ushort us => (long)us,
        ulong ul when ul <= long.MaxValue => (long)ul,
        double d => Finite(d, name),
        float f => Finite(f, name),
        decimal m => m == decimal.Truncate(m) && m is >= long.MinValue and <= long.MaxValue ? (long)m : (double)m,
        Enum e => e.ToString(),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        JsonElement element => FromJson(element),
        IDictionary dictionary => NormalizeDictionary(dictionary, name),
        IEnumerable<KeyValuePair<string, object?>> pairs => NormalizePairs(pairs, name),
        IEnumerable sequence => NormalizeSequence(sequence, name),
        _ => throw new ArgumentException(
            $"Attribute '{name}' has a value of type {value.GetType().Name}, which has no JSON form; " +
            "use null, a boolean, a number, a string, a list, or a dictionary with string keys.",
            nameof(value)),
    };

    /// <summary>Converts a parsed JSON element to the canonical form (integers as <see cref="long"/>).</summary>
    /// <param name="element">The element.</param>
    /// <returns>The value.</returns>
    public static object? FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && element.TryGetInt64(out var l))
                {
                    return l;
                }

                return element.GetDouble();
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromJson(item));
                }

                return list;
            default:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    dict[property.Name] = FromJson(property.Value);
                }

                return dict;
        }
    }

    /// <summary>Writes a normalized value as JSON.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">A value in canonical form (see <see cref="Normalize(object?, string)"/>).</param>
    public static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                JsonNumbers.WriteDouble(writer, d);
                break;
            case IReadOnlyDictionary<string, object?> dict:
                writer.WriteStartObject();
                foreach (var (key, item) in dict)
                {
                    writer.WritePropertyName(key);
                    WriteJson(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteJson(writer, Normalize(value));
                break;
        }
    }

    private static double Finite(double value, string name) =>
        double.IsFinite(value)
            ? value
            : throw new ArgumentException($"Attribute '{name}' is {value.ToString(CultureInfo.InvariantCulture)}; attribute numbers must be finite.", nameof(value));

    private static Dictionary<string, object?> NormalizeDictionary(IDictionary dictionary, string name)
    {
        var result = new Dictionary<string, object?>(dictionary.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException($"Attribute '{name}' holds a dictionary whose key {entry.Key} is not a string; JSON objects need string keys.", nameof(dictionary));
            }

            result[key] = Normalize(entry.Value, name);
        }

        return result;
    }

    private static Dictionary<string, object?> NormalizePairs(IEnumerable<KeyValuePair<string, object?>> pairs, string name)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, item) in pairs)
        {
            result[key] = Normalize(item, name);
        }

        return result;
    }

    private static List<object?> NormalizeSequence(IEnumerable sequence, string name)
    {
        var result = new List<object?>();
        foreach (var item in sequence)
        {
            result.Add(Normalize(item, name));
        }

        return result;
    }
}
