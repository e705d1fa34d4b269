using System.CommandLine;

namespace Attune.Cli;

/// <summary>The options many commands share, made fresh for each command.</summary>
internal static class CommonOptions
{
    public static Option<string?> Storage(string name = "--storage") => new(name)
    {
        Description = $"The storage URL: journal:PATH, sqlite:PATH, postgresql://…, mysql://…, redis://… (default: ${StorageOpener.EnvironmentVariable}).",
        HelpName = "URL",
    };

    public static Option<string> Study(bool required = true) => new("--study", "--study-name", "-s")
    {
        Description = "The study name.",
        Required = required,
        HelpName = "NAME",
    };

    public static Option<OutputFormat> Format(OutputFormat defaultFormat = OutputFormat.Table) => new("--format", "-f")
    {
        Description = "Output format: table, json or csv.",
        DefaultValueFactory = _ => defaultFormat,
        HelpName = "table|json|csv",
    };

    public static Option<string?> Direction() => new("--direction")
    {
        Description = "The direction of a single-objective study: minimize (default) or maximize.",
        HelpName = "minimize|maximize",
    };

    public static Option<string[]> Directions() => new("--directions")
    {
        Description = "One direction per objective, for a multi-objective study, e.g. --directions minimize maximize.",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "DIRECTION",
    };

    public static Option<string?> Sampler() => new("--sampler")
    {
        Description = "The sampler: NAME[:KEY=VALUE,…], one of " + string.Join(", ", SamplerRegistry.Names) + " (default: the study's default sampler).",
        HelpName = "NAME",
    };

    public static Option<string?> Pruner() => new("--pruner")
    {
        Description = "The pruner: NAME[:KEY=VALUE,…], one of " + string.Join(", ", PrunerRegistry.Names) + " (default: the study's default pruner).",
        HelpName = "NAME",
    };

    public static Option<int?> Seed() => new("--seed")
    {
        Description = "The sampler's seed.",
        HelpName = "N",
    };

    /// <summary>The directions from <c>--direction</c> or <c>--directions</c> (minimize when neither is given).</summary>
    /// <exception cref="CliException">Both are given, or a direction is misspelt.</exception>
    public static IReadOnlyList<StudyDirection> ParseDirections(string? direction, string[]? directions)
    {
        if (direction is not null && directions is { Length: > 0 })
        {
            throw new CliException(ExitCodes.Usage, "give --direction or --directions, not both.");
        }

        if (directions is { Length: > 0 })
        {
            return [.. directions.Select(ParseDirection)];
        }

        return [direction is null ? StudyDirection.Minimize : ParseDirection(direction)];
    }

    public static StudyDirection ParseDirection(string text) => text.ToLowerInvariant() switch
    {
        "minimize" or "min" => StudyDirection.Minimize,
        "maximize" or "max" => StudyDirection.Maximize,
        _ => throw new CliException(ExitCodes.Usage, $"'{text}' is not a direction; use minimize or maximize."),
    };
}
