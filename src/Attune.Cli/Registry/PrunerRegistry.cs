using System.Collections.Frozen;
using Attune.Pruners;

namespace Attune.Cli;

/// <summary>
/// The pruners <c>--pruner NAME[:KEY=VALUE,…]</c> can name. <b>This is the one place to add a pruner to the CLI</b>:
/// add an entry to <see cref="Entries"/> with its name, options and a factory (no reflection), e.g.
/// <c>new("percentile", ["percentile", "startup_trials", …], s =&gt; new PercentilePruner(…))</c> when it is in main.
/// Without <c>--pruner</c> the study's default pruner is used.
/// </summary>
internal static class PrunerRegistry
{
    private static readonly Entry[] Entries =
    [
        new("median", ["startup_trials", "warmup_steps", "interval_steps", "min_trials"], "prune below the median of completed trials at the same step", s =>
        {
            var defaults = new MedianPrunerOptions();
            return new MedianPruner(new MedianPrunerOptions
            {
                StartupTrials = s.Int("startup_trials") ?? defaults.StartupTrials,
                WarmupSteps = s.Int("warmup_steps") ?? defaults.WarmupSteps,
                IntervalSteps = s.Int("interval_steps") ?? defaults.IntervalSteps,
                MinTrials = s.Int("min_trials") ?? defaults.MinTrials,
            });
        }),
        new("nop", [], "never prune", _ => new NopPruner()),
    ];

    private static readonly FrozenDictionary<string, Entry> ByName = Entries.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    public static IEnumerable<string> Help =>
        Entries.Select(e => $"{e.Name}{(e.Options.Length > 0 ? $" [{string.Join(",", e.Options)}]" : string.Empty)}: {e.Description}");

    /// <exception cref="CliException">The name is unknown, or an option is unknown or invalid.</exception>
    public static Pruner? Create(string? spec)
    {
        if (spec is null)
        {
            return null;
        }

        var parsed = ComponentSpec.Parse(spec, "pruner");
        if (!ByName.TryGetValue(parsed.Name.Replace('_', '-'), out var entry))
        {
            throw new CliException(ExitCodes.BadInput, $"unknown pruner '{parsed.Name}'; known pruners: {string.Join(", ", Names)}.");
        }

        Pruner pruner;
        try
        {
            pruner = entry.Create(parsed);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.BadInput, $"pruner {entry.Name}: {e.Message}", e);
        }

        parsed.EnsureAllUsed(entry.Options);
        return pruner;
    }

    private sealed record Entry(string Name, string[] Options, string Description, Func<ComponentSpec, Pruner> Create);
}
