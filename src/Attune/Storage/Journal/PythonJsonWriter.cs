using System.Buffers;
using System.Globalization;

namespace Attune.Storage.Journal;

/// <summary>
/// Writes JSON byte for byte as Python's <c>json.dumps</c> does with its defaults, which is how Optuna writes its
/// journal: <c>", "</c> and <c>": "</c> separators, ASCII only (other characters as <c>\uXXXX</c>), floats as
/// Python's <c>repr</c> (<c>1.0</c>, <c>1e-05</c>) and <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c> as bare tokens.
/// </summary>
internal sealed class PythonJsonWriter
{
    private readonly ArrayBufferWriter<byte> output = new(256);
    private readonly Stack<int> counts = new();
    private bool afterName;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => output.WrittenSpan;

    /// <summary>The bytes written so far, as a new array.</summary>
    public byte[] ToArray() => output.WrittenSpan.ToArray();

    /// <summary>The text written so far (ASCII).</summary>
    public override string ToString() => System.Text.Encoding.ASCII.GetString(output.WrittenSpan);

    public void StartObject()
    {
        BeginValue();
        WriteAscii("{");
        counts.Push(0);
    }

    public void EndObject()
    {
        counts.Pop();
        WriteAscii("}");
    }

    public void StartArray()
    {
        BeginValue();
        WriteAscii("[");
        counts.Push(0);
    }

    public void EndArray()
    {
        counts.Pop();
        WriteAscii("]");
    }

    /// <summary>Writes a property name inside an object; the next call writes its value.</summary>
    public void Name(string name)
    {
        CountItem();
        WriteQuoted(name);
        WriteAscii(": ");
        afterName = true;
    }

    public void String(string value)
    {
        BeginValue();
        WriteQuoted(value);
    }

    public void Number(long value)
    {
        BeginValue();
        WriteAscii(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Number(double value)
    {
        BeginValue();
        WriteAscii(FormatDouble(value));
    }

    public void Bool(bool value)
    {
        BeginValue();
        WriteAscii(value ? "true" : "false");
    }

    public void Null()
    {
        BeginValue();
        WriteAscii("null");
    }

    /// <summary>Writes a value in <see cref="AttributeValue"/>'s canonical form (other values are normalized first).</summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null:
                Null();
                break;
            case bool b:
                Bool(b);
                break;
            case string s:
                String(s);
                break;
            case long l:
                Number(l);
                break;
            case double d:
                Number(d);
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                StartObject();
                foreach (var (key, item) in dictionary)
                {
                    Name(key);
                    Value(item);
                }

                EndObject();
                break;
            case IEnumerable<object?> list:
                StartArray();
                foreach (var item in list)
                {
                    Value(item);
                }

                EndArray();
                break;
            default:
                Value(AttributeValue.Normalize(value));
                break;
        }
    }

    /// <summary>Python's <c>repr</c> of a float as <c>json.dumps</c> writes it.</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // .NET's "R" gives the shortest digits that round-trip, as Python's repr does; only the layout differs.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var sign = text[0] == '-' ? "-" : string.Empty;
        var body = text.AsSpan(sign.Length);
        var exponent = 0;
        var e = body.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var point = body.IndexOf('.');
        var integerDigits = point >= 0 ? point : body.Length;
        var digits = point >= 0 ? string.Concat(body[..point], body[(point + 1)..]) : body.ToString();
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');

        // The value is d.ddd × 10^decimalExponent.
        var decimalExponent = integerDigits + exponent - leadingZeros - 1;
        if (decimalExponent is < -4 or >= 16)
        {
            var mantissa = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
            var exponentSign = decimalExponent < 0 ? '-' : '+';
            return $"{sign}{mantissa}e{exponentSign}{Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture)}";
        }

        if (decimalExponent < 0)
        {
            return $"{sign}0.{new string('0', -decimalExponent - 1)}{digits}";
        }

        return digits.Length <= decimalExponent + 1
            ? $"{sign}{digits}{new string('0', decimalExponent + 1 - digits.Length)}.0"
            : $"{sign}{digits[..(decimalExponent + 1)]}.{digits[(decimalExponent + 1)..]}";
    }

    private void BeginValue()
    {
        if (afterName)
        {
            afterName = false;
            return;
        }

        CountItem();
    }

    private void CountItem()
    {
        if (counts.Count == 0)
        {
            return;
        }

        var count = counts.Pop();
        if (count > 0)
        {
            WriteAscii(", ");
        }

        counts.Push(count + 1);
    }

    private void WriteQuoted(string value)
    {
        var span = output.GetSpan((value.Length * 6) + 2);
        var n = 0;
        span[n++] = (byte)'"';
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'"';
                    break;
                case '\\':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'\\';
                    break;
                case '\n':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'n';
                    break;
                case '\r':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'r';
                    break;
                case '\t':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'t';
                    break;
                case '\b':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'b';
                    break;
                case '\f':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'f';
                    break;
                case >= ' ' and <= '~':
                    span[n++] = (byte)c;
                    break;
                default:
                    // Python escapes everything outside printable ASCII as \uXXXX, lower-case hex; a string is
                    // already UTF-16, so characters beyond the BMP come out as their surrogate pairs, as in Python.
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'u';
                    ((int)c).TryFormat(span[n..], out var written, "x4", CultureInfo.InvariantCulture);
                    n += written;
                    break;
            }
        }

        span[n++] = (byte)'"';
        output.Advance(n);
    }

    private void WriteAscii(string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
