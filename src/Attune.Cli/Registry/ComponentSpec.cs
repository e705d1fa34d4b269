using System.Globalization;

namespace Attune.Cli;

/// <summary>
/// A sampler or pruner named on the command line, with options: <c>median</c> or
/// <c>median:startup_trials=3,warmup_steps=2</c>. Every option must be used by the factory
/// (<see cref="EnsureAllUsed"/>), so a misspelt one is an error rather than ignored.
/// </summary>
internal sealed class ComponentSpec
{
    private readonly Dictionary<string, string> options;
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    private ComponentSpec(string name, Dictionary<string, string> options)
    {
        Name = name;
        this.options = options;
    }

    public string Name { get; }

    /// <summary>Parses <c>NAME[:KEY=VALUE,…]</c>.</summary>
    /// <exception cref="CliException">The text is malformed.</exception>
    public static ComponentSpec Parse(string text, string what)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            foreach (var part in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new CliException(ExitCodes.BadInput, $"the {what} option '{part}' in '{text}' is not KEY=VALUE.");
                }

                options[part[..equals].Trim().ToLowerInvariant().Replace('-', '_')] = part[(equals + 1)..].Trim();
            }
        }

        return new ComponentSpec(name, options);
    }

    public int? Int(string key)
    {
        if (!options.TryGetValue(key, out var text))
        {
            return null;
        }

        used.Add(key);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliException(ExitCodes.BadInput, $"option {key} of {Name} must be a whole number, but is '{text}'.");
    }

    public double? Double(string key)
    {
        if (!options.TryGetValue(key, out var text))
        {
            return null;
        }

        used.Add(key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliException(ExitCodes.BadInput, $"option {key} of {Name} must be a number, but is '{text}'.");
    }

    public bool? Bool(string key)
    {
        if (!options.TryGetValue(key, out var text))
        {
            return null;
        }

        used.Add(key);
        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new CliException(ExitCodes.BadInput, $"option {key} of {Name} must be true or false, but is '{text}'."),
        };
    }

    public string? Text(string key)
    {
        if (!options.TryGetValue(key, out var text))
        {
            return null;
        }

        used.Add(key);
        return text;
    }

    /// <exception cref="CliException">An option was given that the factory did not read.</exception>
    public void EnsureAllUsed(IEnumerable<string> known)
    {
        var unused = options.Keys.Where(k => !used.Contains(k)).ToList();
        if (unused.Count > 0)
        {
            var list = string.Join(", ", known);
            throw new CliException(ExitCodes.BadInput,
                $"{Name} has no option {string.Join(", ", unused)}; its options are: {(list.Length == 0 ? "none" : list)}.");
        }
    }
}
