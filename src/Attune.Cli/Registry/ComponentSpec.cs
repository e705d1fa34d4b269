using System.Globalization;

namespace Attune.Cli;

/// <summary>
/// A sampler or pruner named on the command line, with options: <c>median</c> or
/// <c>median:startup_trials=3,warmup_steps=2</c>. Every option must be used by the factory
/// (<see cref="EnsureAllUsed"/>), so a misspelt one is an error rather than ignored. A value that is
/// itself a component with options (<c>patient:patience=3,wrapped=median:startup_trials=5,warmup_steps=2</c>)
/// takes the rest of the text, so it comes last.
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

    /// <summary>Parses <c>NAME[:KEY=VALUE,…]</c>; a VALUE with a colon is a nested <c>NAME:KEY=VALUE,…</c> and runs to the end.</summary>
    /// <exception cref="CliException">The text is malformed.</exception>
    public static ComponentSpec Parse(string text, string what)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            var parts = text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new CliException(ExitCodes.BadInput, $"the {what} option '{part}' in '{text}' is not KEY=VALUE.");
                }

                var key = part[..equals].Trim().ToLowerInvariant().Replace('-', '_');
                var value = part[(equals + 1)..].Trim();
                if (value.Contains(':', StringComparison.Ordinal))
                {
                    options[key] = string.Join(',', parts[(i + 1)..].Prepend(value));
                    break;
                }

                options[key] = value;
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

    /// <summary>
    /// An option that names a member of <typeparamref name="TEnum"/>: in snake case (<c>largest_budget</c>
    /// for <c>LargestBudget</c>), or in any case with or without underscores and hyphens.
    /// </summary>
    /// <exception cref="CliException">The value names no member.</exception>
    public TEnum? Choice<TEnum>(string key)
        where TEnum : struct, Enum
    {
        if (!options.TryGetValue(key, out var text))
        {
            return null;
        }

        used.Add(key);
        var wanted = Squeeze(text);
        foreach (var member in Enum.GetValues<TEnum>())
        {
            if (Squeeze(member.ToString()) == wanted)
            {
                return member;
            }
        }

        throw new CliException(ExitCodes.BadInput,
            $"option {key} of {Name} must be one of {string.Join(", ", ChoiceNames<TEnum>())}, but is '{text}'.");
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

    private static IEnumerable<string> ChoiceNames<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(member => SnakeCase(member.ToString()));

    private static string Squeeze(string text) =>
        text.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static string SnakeCase(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
