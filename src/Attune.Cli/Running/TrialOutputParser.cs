using System.Globalization;
using System.Text.Json;

namespace Attune.Cli;

/// <summary>
/// Reads a trial program's standard output line by line. The result is the last number printed (the last
/// <c>N</c> numbers for <c>N</c> objectives), or the last JSON line <c>{"value": v}</c> / <c>{"values": [a, b]}</c>;
/// a JSON line <c>{"step": k, "value": v}</c> is an intermediate value and not a result.
/// </summary>
internal sealed class TrialOutputParser
{
    private static readonly char[] Separators = [' ', '\t', ',', ';', ':', '=', '(', ')', '[', ']', '{', '}', '"', '\''];
    private readonly int objectives;
    private readonly Queue<double> last = new();

    public TrialOutputParser(int objectives) => this.objectives = objectives;

    /// <summary>The result so far: the last numbers seen, or <see langword="null"/> when fewer than the objectives were printed.</summary>
    public IReadOnlyList<double>? Values => last.Count == objectives ? [.. last] : null;

    /// <summary>Reads one line; returns the intermediate value it reports, if it is a step line.</summary>
    /// <exception cref="FormatException">A JSON line with "step" has no numeric "value", or a negative step.</exception>
    public (long Step, double Value)? Feed(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith('{') && trimmed.EndsWith('}') && TryJson(trimmed) is { } document)
        {
            using (document)
            {
                var root = document.RootElement;
                if (root.TryGetProperty("step", out var step))
                {
                    if (!step.TryGetInt64(out var k) || k < 0 || !root.TryGetProperty("value", out var v) || !TryNumber(v, out var value))
                    {
                        throw new FormatException($"an intermediate value line needs a whole \"step\" >= 0 and a numeric \"value\": {trimmed}");
                    }

                    return (k, value);
                }

                if (root.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
                {
                    last.Clear();
                    foreach (var item in values.EnumerateArray())
                    {
                        Push(TryNumber(item, out var number) ? number : double.NaN);
                    }

                    return null;
                }

                if (root.TryGetProperty("value", out var single))
                {
                    Push(TryNumber(single, out var number) ? number : double.NaN);
                    return null;
                }
            }
        }

        foreach (var token in trimmed.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                Push(number);
            }
        }

        return null;
    }

    private static JsonDocument? TryJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryNumber(JsonElement element, out double value)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value))
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.String && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        value = double.NaN;
        return false;
    }

    private void Push(double value)
    {
        last.Enqueue(value);
        while (last.Count > objectives)
        {
            last.Dequeue();
        }
    }
}
