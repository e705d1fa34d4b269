using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Attune.Storage.Journal;

/// <summary>
/// Parses a JSON text as Python's <c>json.loads</c> does, into <see cref="AttributeValue"/>'s canonical form:
/// integers as <see cref="long"/>, other numbers as <see cref="double"/>, objects as dictionaries, arrays as lists.
/// Python writes non-finite floats as the bare tokens <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, which
/// System.Text.Json rejects; when a first parse fails, those tokens (outside strings) are rewritten and read back
/// as the numbers they stand for.
/// </summary>
internal static class PythonJsonReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };
    private static readonly byte[] NaNToken = "NaN"u8.ToArray();
    private static readonly byte[] InfinityToken = "Infinity"u8.ToArray();
    private static readonly byte[] NegativeInfinityToken = "-Infinity"u8.ToArray();

    /// <summary>Parses one JSON text.</summary>
    /// <exception cref="FormatException">The text is not JSON (with Python's extra number tokens).</exception>
    public static object? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return ParseStrict(json, null);
        }
        catch (JsonException first)
        {
            if (!TryQuoteSpecialNumbers(json, out var rewritten, out var positions))
            {
                throw new FormatException(first.Message, first);
            }

            try
            {
                return ParseStrict(rewritten, positions);
            }
            catch (JsonException second)
            {
                throw new FormatException(second.Message, second);
            }
        }
        catch (InvalidOperationException e)
        {
            // A string with an escaped lone surrogate, which a .NET string can hold but UTF-8 cannot.
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>Parses one JSON text given as a string.</summary>
    /// <exception cref="FormatException">The text is not JSON.</exception>
    public static object? Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static object? ParseStrict(ReadOnlySpan<byte> json, List<int>? specialPositions)
    {
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read())
        {
            throw new JsonException("The line holds no JSON value.");
        }

        var value = ReadValue(ref reader, specialPositions);
        if (reader.Read())
        {
            throw new JsonException("The line holds more than one JSON value.");
        }

        return value;
    }

    private static object? ReadValue(ref Utf8JsonReader reader, List<int>? specialPositions)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    dictionary[name] = ReadValue(ref reader, specialPositions);
                }

                return dictionary;
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader, specialPositions));
                }

                return list;
            case JsonTokenType.String:
                if (specialPositions is not null && specialPositions.Contains((int)reader.TokenStartIndex))
                {
                    return reader.GetString() switch
                    {
                        "NaN" => double.NaN,
                        "Infinity" => double.PositiveInfinity,
                        _ => double.NegativeInfinity,
                    };
                }

                return reader.GetString();
            case JsonTokenType.Number:
                var raw = reader.ValueSpan;
                if (raw.IndexOfAny(".eE"u8) < 0 && reader.TryGetInt64(out var integer))
                {
                    return integer;
                }

                // Also numbers beyond double's range, which Python reads as infinities.
                return double.Parse(Encoding.ASCII.GetString(raw), NumberStyles.Float, CultureInfo.InvariantCulture);
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>Rewrites bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> outside strings as strings, remembering where.</summary>
    private static bool TryQuoteSpecialNumbers(ReadOnlySpan<byte> json, out byte[] rewritten, out List<int> positions)
    {
        positions = [];
        var output = new List<byte>(json.Length + 16);
        var inString = false;
        var escaped = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == '\\')
                {
                    escaped = true;
                }
                else if (b == '"')
                {
                    inString = false;
                }

                output.Add(b);
                continue;
            }

            if (b == '"')
            {
                inString = true;
                output.Add(b);
                continue;
            }

            var token = json[i..].StartsWith(NaNToken) ? NaNToken
                : json[i..].StartsWith(InfinityToken) ? InfinityToken
                : json[i..].StartsWith(NegativeInfinityToken) ? NegativeInfinityToken
                : null;
            if (token is null)
            {
                output.Add(b);
                continue;
            }

            positions.Add(output.Count);
            output.Add((byte)'"');
            output.AddRange(token);
            output.Add((byte)'"');
            i += token.Length - 1;
        }

        rewritten = [.. output];
        return positions.Count > 0;
    }
}
