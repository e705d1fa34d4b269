using System.Globalization;

namespace Attune.Cli;

/// <summary>Reads an option value that holds JSON (or YAML) inline, or <c>@FILE</c> to read it from a file.</summary>
internal static class InlineDocument
{
    /// <exception cref="CliException">The file cannot be read or the text does not parse.</exception>
    public static object? Parse(string value, string option)
    {
        if (value.StartsWith('@'))
        {
            var path = value[1..];
            try
            {
                var yaml = Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml";
                return DocumentTree.Parse(File.ReadAllText(path), $"{option} file '{path}'", yaml);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.BadInput, $"cannot read {option} file '{path}': {e.Message}", e);
            }
        }

        return DocumentTree.Parse(value, option);
    }

    /// <summary>An object (name → value) from <paramref name="value"/>.</summary>
    public static IReadOnlyDictionary<string, object?> Object(string value, string option) =>
        Parse(value, option) as IReadOnlyDictionary<string, object?>
            ?? throw new CliException(ExitCodes.BadInput, $"{option} must be a JSON object, e.g. '{{\"x\": 1}}'.");

    /// <summary>Parses numbers written invariantly (<c>1.5</c>, <c>-2e-3</c>).</summary>
    public static double[] Numbers(IEnumerable<string> values, string option) =>
        [.. values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw new CliException(ExitCodes.BadInput, $"{option} takes finite numbers, but got '{v}'."))];
}
