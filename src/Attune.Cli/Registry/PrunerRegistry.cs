using System.Collections.Frozen;
using Attune.Pruners;

namespace Attune.Cli;

/// <summary>
/// The pruners <c>--pruner NAME[:KEY=VALUE,…]</c> can name. <b>This is the one place to add a pruner to the CLI</b>:
/// add an entry to <see cref="Entries"/> with its name, options and a factory (no reflection) that reads each
/// option from the spec and otherwise keeps the default of a fresh options record, as the <c>median</c> entry does.
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
        new("percentile", ["percentile", "startup_trials", "warmup_steps", "interval_steps", "min_trials"],
            "prune below a percentile of completed trials at the same step", s =>
        {
            var defaults = new PercentilePrunerOptions();
            return new PercentilePruner(new PercentilePrunerOptions
            {
                Percentile = s.Double("percentile") ?? defaults.Percentile,
                StartupTrials = s.Int("startup_trials") ?? defaults.StartupTrials,
                WarmupSteps = s.Int("warmup_steps") ?? defaults.WarmupSteps,
                IntervalSteps = s.Int("interval_steps") ?? defaults.IntervalSteps,
                MinTrials = s.Int("min_trials") ?? defaults.MinTrials,
            });
        }),
        new("successive-halving", ["min_resource", "reduction_factor", "min_early_stopping_rate", "bootstrap_count"],
            "asynchronous successive halving: keep the best 1/reduction_factor of the trials at each rung", s =>
        {
            var defaults = new SuccessiveHalvingPrunerOptions();
            return new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
            {
                MinResource = s.Int("min_resource") ?? defaults.MinResource,
                ReductionFactor = s.Int("reduction_factor") ?? defaults.ReductionFactor,
                MinEarlyStoppingRate = s.Int("min_early_stopping_rate") ?? defaults.MinEarlyStoppingRate,
                BootstrapCount = s.Int("bootstrap_count") ?? defaults.BootstrapCount,
            });
        })
        {
            Aliases = ["asha"],
        },
        new("hyperband", ["min_resource", "max_resource", "reduction_factor", "sampler_trials", "bootstrap_count"],
            "successive halving in brackets of different aggressiveness", s =>
        {
            var defaults = new HyperbandPrunerOptions();
            return new HyperbandPruner(new HyperbandPrunerOptions
            {
                MinResource = s.Int("min_resource") ?? defaults.MinResource,
                MaxResource = s.Int("max_resource") ?? defaults.MaxResource,
                ReductionFactor = s.Int("reduction_factor") ?? defaults.ReductionFactor,
                SamplerTrials = s.Choice<HyperbandSamplerTrials>("sampler_trials") ?? defaults.SamplerTrials,
                BootstrapCount = s.Int("bootstrap_count") ?? defaults.BootstrapCount,
            });
        }),
        new("threshold", ["lower", "upper", "warmup_steps", "interval_steps"], "prune a trial whose latest value leaves [lower, upper] or is NaN", s =>
        {
            var defaults = new ThresholdPrunerOptions();
            return new ThresholdPruner(new ThresholdPrunerOptions
            {
                Lower = s.Double("lower") ?? defaults.Lower,
                Upper = s.Double("upper") ?? defaults.Upper,
                WarmupSteps = s.Int("warmup_steps") ?? defaults.WarmupSteps,
                IntervalSteps = s.Int("interval_steps") ?? defaults.IntervalSteps,
            });
        }),
        new("patient", ["patience", "min_delta", "wrapped"],
            "prune a trial that stopped improving for patience steps, if the wrapped pruner (last, with its own options) agrees", s =>
        {
            var defaults = new PatientPrunerOptions();
            return new PatientPruner(new PatientPrunerOptions
            {
                Patience = s.Int("patience") ?? defaults.Patience,
                MinDelta = s.Double("min_delta") ?? defaults.MinDelta,
                Wrapped = s.Text("wrapped") is { } wrapped ? Create(ComponentSpec.Parse(wrapped, "pruner")) : defaults.Wrapped,
            });
        }),
        new("wilcoxon", ["p_threshold", "startup_steps", "continuity_correction"],
            "prune a trial that a Wilcoxon signed-rank test finds worse than the best trial over the same steps", s =>
        {
            var defaults = new WilcoxonPrunerOptions();
            return new WilcoxonPruner(new WilcoxonPrunerOptions
            {
                PThreshold = s.Double("p_threshold") ?? defaults.PThreshold,
                StartupSteps = s.Int("startup_steps") ?? defaults.StartupSteps,
                ContinuityCorrection = s.Bool("continuity_correction") ?? defaults.ContinuityCorrection,
            });
        }),
        new("nop", [], "never prune", _ => new NopPruner()),
    ];

    private static readonly FrozenDictionary<string, Entry> ByName =
        Entries.SelectMany(e => e.Aliases.Prepend(e.Name).Select(name => KeyValuePair.Create(name, e))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The names, aliases included, for help and messages.</summary>
    public static IEnumerable<string> Names => Entries.SelectMany(e => e.Aliases.Prepend(e.Name));

    /// <summary>Lines of help: names, options and description.</summary>
    public static IEnumerable<string> Help =>
        Entries.Select(e => $"{string.Join(", ", e.Aliases.Prepend(e.Name))}{(e.Options.Length > 0 ? $" [{string.Join(",", e.Options)}]" : string.Empty)}: {e.Description}");

    /// <summary>Creates the pruner <paramref name="spec"/> names, or returns <see langword="null"/> for the study's default when it is null.</summary>
    /// <exception cref="CliException">The name is unknown, or an option is unknown or invalid.</exception>
    public static Pruner? Create(string? spec) => spec is null ? null : Create(ComponentSpec.Parse(spec, "pruner"));

    private static Pruner Create(ComponentSpec parsed)
    {
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

    private sealed record Entry(string Name, string[] Options, string Description, Func<ComponentSpec, Pruner> Create)
    {
        /// <summary>Other names of the same entry.</summary>
        public string[] Aliases { get; init; } = [];
    }
}
