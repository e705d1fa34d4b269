using System.Collections.Frozen;
using Attune.Samplers;

namespace Attune.Cli;

/// <summary>
/// The samplers <c>--sampler NAME[:KEY=VALUE,…]</c> can name. <b>This is the one place to add a sampler to the
/// CLI</b>: add an entry to <see cref="Entries"/> with its name, options and a factory (no reflection). When
/// <c>TpeSampler</c> is in main, add
/// <c>new("tpe", ["seed", …], c =&gt; new TpeSampler(new TpeSamplerOptions { Seed = c.SeedOrOption, … }))</c>.
/// Without <c>--sampler</c> the study's default sampler is used (see <see cref="Study.Create(StudyOptions?)"/>).
/// </summary>
internal static class SamplerRegistry
{
    private static readonly Entry[] Entries =
    [
        new("tpe", ["seed", "multivariate", "group", "constant_liar", "startup_trials", "ei_candidates"], "tree-structured Parzen estimator (the default)", c =>
            new TpeSampler(new TpeSamplerOptions
            {
                Seed = c.SeedOrOption,
                Multivariate = c.Spec.Bool("multivariate") ?? true,
                Group = c.Spec.Bool("group") ?? false,
                ConstantLiar = c.Spec.Bool("constant_liar") ?? true,
                StartupTrials = c.Spec.Int("startup_trials") ?? 10,
                EiCandidates = c.Spec.Int("ei_candidates") ?? 24,
            })),
        new("nsga2", ["seed", "population_size"], "NSGA-II genetic algorithm (multi-objective)", c =>
            new NsgaIISampler(new NsgaIISamplerOptions { Seed = c.SeedOrOption, PopulationSize = c.Spec.Int("population_size") ?? 50 })),
        new("nsga3", ["seed", "population_size"], "NSGA-III with reference points (many objectives)", c =>
            new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = c.SeedOrOption, PopulationSize = c.Spec.Int("population_size") ?? 50 })),
        new("random", ["seed"], "independent uniform sampling", c => new RandomSampler(new RandomSamplerOptions { Seed = c.SeedOrOption })),
        new("qmc", ["seed", "type", "scramble"], "quasi-Monte Carlo (Sobol or Halton)", c => new QmcSampler(new QmcSamplerOptions
        {
            Seed = c.SeedOrOption,
            QmcType = c.Spec.Text("type")?.ToLowerInvariant() switch
            {
                null or "sobol" => QmcSequence.Sobol,
                "halton" => QmcSequence.Halton,
                var other => throw new CliException(ExitCodes.BadInput, $"qmc type must be sobol or halton, but is '{other}'."),
            },
            Scramble = c.Spec.Bool("scramble") ?? true,
        })),
        new("grid", ["seed", "shuffle"], "every point of a grid of the search space's categorical, int and stepped float parameters", c =>
            new GridSampler(GridOf(c), new GridSamplerOptions { Seed = c.SeedOrOption, Shuffle = c.Spec.Bool("shuffle") ?? true })),
        new("brute-force", ["seed"], "every combination of a finite search space, conditional spaces included", c =>
            new BruteForceSampler(new BruteForceSamplerOptions { Seed = c.SeedOrOption })),
        new("rf", ["seed", "startup_trials", "trees", "random_interval"], "random-forest surrogate with expected improvement (SMAC-style; mixed and conditional spaces)", c =>
            new RandomForestSampler(new RandomForestSamplerOptions
            {
                Seed = c.SeedOrOption,
                StartupTrials = c.Spec.Int("startup_trials") ?? 10,
                Trees = c.Spec.Int("trees") ?? 20,
                RandomInterval = c.Spec.Int("random_interval") ?? 0,
            })),
    ];

    private static readonly FrozenDictionary<string, Entry> ByName = Entries.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The names, for help and messages.</summary>
    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>Lines of help: name, options and description.</summary>
    public static IEnumerable<string> Help =>
        Entries.Select(e => $"{e.Name}{(e.Options.Length > 0 ? $" [{string.Join(",", e.Options)}]" : string.Empty)}: {e.Description}");

    /// <summary>Creates the sampler <paramref name="spec"/> names, or returns <see langword="null"/> for the study's default when it is null.</summary>
    /// <exception cref="CliException">The name is unknown, or an option is unknown or invalid.</exception>
    public static Sampler? Create(string? spec, int? seed, SearchSpace? searchSpace)
    {
        if (spec is null)
        {
            return seed is null ? null : new TpeSampler(new TpeSamplerOptions { Seed = seed });
        }

        var parsed = ComponentSpec.Parse(spec, "sampler");
        if (!ByName.TryGetValue(parsed.Name.Replace('_', '-'), out var entry))
        {
            throw new CliException(ExitCodes.BadInput, $"unknown sampler '{parsed.Name}'; known samplers: {string.Join(", ", Names)}.");
        }

        Sampler sampler;
        try
        {
            sampler = entry.Create(new SamplerContext(parsed, seed, searchSpace));
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.BadInput, $"sampler {entry.Name}: {e.Message}", e);
        }

        parsed.EnsureAllUsed(entry.Options);
        return sampler;
    }

    private static Dictionary<string, IReadOnlyList<object?>> GridOf(SamplerContext context)
    {
        var space = context.SearchSpace
            ?? throw new CliException(ExitCodes.BadInput, "the grid sampler needs a search space (--space for run, --search-space for ask).");
        var grid = new Dictionary<string, IReadOnlyList<object?>>(StringComparer.Ordinal);
        foreach (var (name, distribution) in space.Parameters)
        {
            grid[name] = distribution switch
            {
                CategoricalDistribution c => c.Choices,
                IntDistribution i when i.Count <= 100_000 => [.. Enumerable.Range(0, (int)i.Count).Select(k => (object?)(i.Low + (k * i.Step)))],
                FloatDistribution { Step: { } step } f when (f.High - f.Low) / step <= 100_000 =>
                    [.. Enumerable.Range(0, (int)Math.Round((f.High - f.Low) / step) + 1).Select(k => (object?)Math.Min(f.High, f.Low + (k * step)))],
                _ => throw new CliException(ExitCodes.BadInput,
                    $"the grid sampler needs a finite set of values, but parameter '{name}' is {distribution}; give it a step or make it categorical."),
            };
        }

        return grid;
    }

    private sealed record Entry(string Name, string[] Options, string Description, Func<SamplerContext, Sampler> Create);
}
