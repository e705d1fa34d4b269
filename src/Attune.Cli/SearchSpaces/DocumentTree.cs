using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Attune.Cli;

/// <summary>
/// Reads JSON or YAML into one tree: objects as <see cref="OrderedRow"/> (key order kept), arrays as lists, and
/// scalars as null, bool, long, double or string. YAML scalars that are not quoted are typed as YAML 1.2's core
/// schema types them (<c>true</c>, <c>null</c>, <c>12</c>, <c>1e-3</c>); quoted ones are strings.
/// </summary>
internal static class DocumentTree
{
    /// <summary>Parses <paramref name="text"/> as JSON when it starts with <c>{</c> or <c>[</c>, otherwise as YAML (which <paramref name="yaml"/> forces).</summary>
    /// <exception cref="CliException">The text is not valid (exit code <see cref="ExitCodes.BadInput"/>), naming <paramref name="source"/>.</exception>
    public static object? Parse(string text, string source, bool yaml = false)
    {
        var trimmed = text.TrimStart();
        if (!yaml && (trimmed.StartsWith('{') || trimmed.StartsWith('[')))
        {
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                return FromJson(document.RootElement);
            }
            catch (JsonException e)
            {
                throw new CliException(ExitCodes.BadInput, $"{source} is not valid JSON: {e.Message}", e);
            }
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : FromYaml(stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            throw new CliException(ExitCodes.BadInput, $"{source} is not valid YAML or JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this for some malformed input (e.g. an unclosed flow sequence).
            throw new CliException(ExitCodes.BadInput, $"{source} is not valid YAML or JSON: it is malformed (check unclosed brackets and quotes).", e);
        }
    }

    private static object? FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var row = new OrderedRow();
                foreach (var property in element.EnumerateObject())
                {
                    row.Add(property.Name, FromJson(property.Value));
                }

                return row;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FromJson).ToList();
            default:
                return AttributeValue.FromJson(element);
        }
    }

    private static object? FromYaml(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var row = new OrderedRow();
                foreach (var (key, value) in mapping.Children)
                {
                    row.Add(key is YamlScalarNode s ? s.Value ?? string.Empty : key.ToString(), FromYaml(value));
                }

                return row;
            case YamlSequenceNode sequence:
                return sequence.Children.Select(FromYaml).ToList();
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return text;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        return text;
    }
}
