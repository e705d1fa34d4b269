using System.Globalization;

namespace Attune.Cli;

/// <summary>
/// Reads a search space: an object from parameter name to a distribution, written as
/// <c>{"type": "float", "low": 0.001, "high": 1, "log": true}</c>, <c>{"type": "int", "low": 1, "high": 8, "step": 1}</c>,
/// <c>{"type": "categorical", "choices": ["a", "b"]}</c>, a bare list (categorical), or Optuna's form
/// <c>{"name": "FloatDistribution", "attributes": {…}}</c>.
/// </summary>
internal static class SearchSpaceParser
{
    /// <summary>Reads a search space from a JSON or YAML file (YAML for <c>.yaml</c>/<c>.yml</c>, JSON otherwise or by content).</summary>
    /// <exception cref="CliException">The file is missing, malformed or describes an invalid distribution.</exception>
    public static SearchSpace FromFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"cannot read the search space file '{path}': {e.Message}", e);
        }

        var yaml = Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml";
        return FromTree(DocumentTree.Parse(text, $"the search space file '{path}'", yaml), $"the search space file '{path}'");
    }

    /// <summary>Reads a search space from JSON or YAML text given on the command line.</summary>
    public static SearchSpace FromText(string text, string source) => FromTree(DocumentTree.Parse(text, source), source);

    public static SearchSpace FromTree(object? tree, string source)
    {
        if (tree is not IReadOnlyDictionary<string, object?> root)
        {
            throw new CliException(ExitCodes.BadInput, $"{source} must be an object from parameter names to distributions, e.g. {{\"x\": {{\"type\": \"float\", \"low\": 0, \"high\": 1}}}}.");
        }

        if (root.Count == 0)
        {
            throw new CliException(ExitCodes.BadInput, $"{source} defines no parameter.");
        }

        var parameters = new List<KeyValuePair<string, Distribution>>();
        foreach (var (name, spec) in root)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new CliException(ExitCodes.BadInput, $"{source}: a parameter name is empty.");
            }

            try
            {
                parameters.Add(new(name, Parse(spec)));
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.BadInput, $"{source}: parameter '{name}': {Message(e)}", e);
            }
        }

        return new SearchSpace(parameters);
    }

    private static Distribution Parse(object? spec)
    {
        switch (spec)
        {
            case IReadOnlyList<object?> choices:
                return new CategoricalDistribution(choices);
            case IReadOnlyDictionary<string, object?> map when map.TryGetValue("name", out var optunaName) && map.TryGetValue("attributes", out var attributes):
                return ParseOptuna(optunaName as string, attributes as IReadOnlyDictionary<string, object?>
                    ?? throw new ArgumentException("\"attributes\" must be an object."));
            case IReadOnlyDictionary<string, object?> map:
                var type = map.TryGetValue("type", out var t) ? t as string : null;
                type ??= map.ContainsKey("choices") ? "categorical" : null;
                return type?.ToLowerInvariant() switch
                {
                    "float" or "real" or "uniform" or "loguniform" => Float(map, forceLog: string.Equals(type, "loguniform", StringComparison.OrdinalIgnoreCase)),
                    "int" or "integer" => Int(map),
                    "categorical" or "choice" => new CategoricalDistribution(Choices(map)),
                    null => throw new ArgumentException("give a \"type\": float, int or categorical."),
                    _ => throw new ArgumentException($"unknown type \"{type}\"; use float, int or categorical."),
                };
            default:
                throw new ArgumentException(
                    "expected a distribution such as {\"type\": \"float\", \"low\": 0, \"high\": 1}, or a list of choices.");
        }
    }

    private static Distribution ParseOptuna(string? name, IReadOnlyDictionary<string, object?> attributes) => name switch
    {
        "FloatDistribution" or "UniformDistribution" => Float(attributes, forceLog: false),
        "LogUniformDistribution" => Float(attributes, forceLog: true),
        "IntDistribution" or "IntUniformDistribution" => Int(attributes),
        "IntLogUniformDistribution" => new IntDistribution(Integer(attributes, "low"), Integer(attributes, "high"), log: true),
        "CategoricalDistribution" => new CategoricalDistribution(Choices(attributes)),
        "DiscreteUniformDistribution" => new FloatDistribution(Number(attributes, "low"), Number(attributes, "high"), step: Number(attributes, "q")),
        _ => throw new ArgumentException($"unknown Optuna distribution \"{name}\"."),
    };

    private static FloatDistribution Float(IReadOnlyDictionary<string, object?> map, bool forceLog)
    {
        CheckKeys(map, "type", "low", "high", "log", "step");
        var step = map.TryGetValue("step", out var s) && s is not null ? Number(map, "step") : (double?)null;
        return new FloatDistribution(Number(map, "low"), Number(map, "high"), forceLog || Bool(map, "log"), step);
    }

    private static IntDistribution Int(IReadOnlyDictionary<string, object?> map)
    {
        CheckKeys(map, "type", "low", "high", "log", "step");
        var step = map.TryGetValue("step", out var s) && s is not null ? Integer(map, "step") : 1;
        return new IntDistribution(Integer(map, "low"), Integer(map, "high"), Bool(map, "log"), step);
    }

    private static IReadOnlyList<object?> Choices(IReadOnlyDictionary<string, object?> map)
    {
        CheckKeys(map, "type", "choices");
        return map.TryGetValue("choices", out var c) && c is IReadOnlyList<object?> list
            ? list
            : throw new ArgumentException("\"choices\" must be a list.");
    }

    private static void CheckKeys(IReadOnlyDictionary<string, object?> map, params string[] allowed)
    {
        foreach (var key in map.Keys)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new ArgumentException($"unknown key \"{key}\"; allowed: {string.Join(", ", allowed)}.");
            }
        }
    }

    private static double Number(IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value switch
        {
            double d => d,
            long l => l,
            _ => throw new ArgumentException($"\"{key}\" must be a number, but is {Describe(value)}."),
        }
        : throw new ArgumentException($"\"{key}\" is missing.");

    private static int Integer(IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value switch
        {
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            double d when d == Math.Round(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
            _ => throw new ArgumentException($"\"{key}\" must be a whole number, but is {Describe(value)}."),
        }
        : throw new ArgumentException($"\"{key}\" is missing.");

    private static bool Bool(IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value switch
        {
            bool b => b,
            null => false,
            _ => throw new ArgumentException($"\"{key}\" must be true or false, but is {Describe(value)}."),
        };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Message(ArgumentException e)
    {
        var suffix = e.ParamName is { } p ? $" (Parameter '{p}')" : null;
        return suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }
}
