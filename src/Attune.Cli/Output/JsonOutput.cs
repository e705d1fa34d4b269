using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Attune.Cli;

/// <summary>Writes JSON-like values (the cell values of a <see cref="Table"/>) as JSON; NaN and infinities become null.</summary>
internal static class JsonOutput
{
    public static JsonWriterOptions WriterOptions(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case double:
                writer.WriteNullValue();
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IEnumerable<double> numbers:
                writer.WriteStartArray();
                foreach (var item in numbers)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteValue(writer, AttributeValue.Normalize(value));
                break;
        }
    }

    /// <summary>A value as indented JSON text with a final newline.</summary>
    public static string Serialize(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions(indented: true)))
        {
            WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
