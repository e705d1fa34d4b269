using System.Collections.Frozen;
using Attune.Samplers;

namespace Attune.Cli;

/// <summary>
/// The samplers <c>--sampler NAME[:KEY=VALUE,…]</c> can name. <b>This is the one place to add a sampler to the
/// CLI</b>: add an entry to <see cref="Entries"/> with its name, options and a factory (no reflection) that
/// reads each option from the spec and otherwise keeps the default of a fresh options record, e.g.
/// <c>new("gp", ["seed", "startup_trials", …], "…", c =&gt; new GpSampler(GpOptions(c)))</c>.
/// Without <c>--sampler</c> the study's default sampler is used (see <see cref="Study.Create(StudyOptions?)"/>).
/// </summary>
internal static class SamplerRegistry
{
    private static readonly Entry[] Entries =
    [
        new("tpe", ["seed", "multivariate", "group", "constant_liar", "startup_trials", "ei_candidates"], "tree-structured Parzen estimator", c =>
        {
            var defaults = new TpeSamplerOptions();
            return new TpeSampler(new TpeSamplerOptions
            {
                Seed = c.SeedOrOption,
                Multivariate = c.Spec.Bool("multivariate") ?? defaults.Multivariate,
                Group = c.Spec.Bool("group") ?? defaults.Group,
                ConstantLiar = c.Spec.Bool("constant_liar") ?? defaults.ConstantLiar,
                StartupTrials = c.Spec.Int("startup_trials") ?? defaults.StartupTrials,
                EiCandidates = c.Spec.Int("ei_candidates") ?? defaults.EiCandidates,
            });
        }),
        new("gp", ["seed", "startup_trials", "acquisition", "ucb_beta", "knowledge_gradient_points", "kernel_prior", "warp_outputs", "deterministic_objective",
            "pending_trials", "candidate_points", "local_searches", "refit_fraction", "max_fit_trials"],
            "Gaussian-process Bayesian optimization", c => new GpSampler(GpOptions(c))),
        new("cmaes", ["seed", "sigma0", "population_size", "restart_strategy", "inc_pop_size", "orthogonal_sampling", "use_separable_cma", "with_margin",
            "lr_adapt", "consider_pruned_trials"],
            "CMA-ES evolution strategy (single objective; categorical parameters are sampled at random)", c => new CmaEsSampler(CmaEsOptions(c))),
        new("auto", ["seed", "startup_trials", "gaussian_process_trials", "gaussian_process_max_trials", "multi_objective_tpe_trials"],
            "picks random, GP, CMA-ES, TPE or NSGA-II by the study and its trials (the default)", c => new AutoSampler(AutoOptions(c))),
        new("nsga2", ["seed", "population_size"], "NSGA-II genetic algorithm (multi-objective)", c =>
            new NsgaIISampler(new NsgaIISamplerOptions { Seed = c.SeedOrOption, PopulationSize = c.Spec.Int("population_size") ?? new NsgaIISamplerOptions().PopulationSize })),
        new("nsga3", ["seed", "population_size"], "NSGA-III with reference points (many objectives)", c =>
            new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = c.SeedOrOption, PopulationSize = c.Spec.Int("population_size") ?? new NsgaIIISamplerOptions().PopulationSize })),
        new("random", ["seed"], "independent uniform sampling", c => new RandomSampler(new RandomSamplerOptions { Seed = c.SeedOrOption })),
        new("qmc", ["seed", "type", "scramble"], "quasi-Monte Carlo (Sobol or Halton)", c =>
        {
            var defaults = new QmcSamplerOptions();
            return new QmcSampler(new QmcSamplerOptions
            {
                Seed = c.SeedOrOption,
                QmcType = c.Spec.Choice<QmcSequence>("type") ?? defaults.QmcType,
                Scramble = c.Spec.Bool("scramble") ?? defaults.Scramble,
            });
        }),
        new("grid", ["seed", "shuffle"], "every point of a grid of the search space's categorical, int and stepped float parameters", c =>
            new GridSampler(GridOf(c), new GridSamplerOptions { Seed = c.SeedOrOption, Shuffle = c.Spec.Bool("shuffle") ?? new GridSamplerOptions().Shuffle })),
        new("brute-force", ["seed"], "every combination of a finite search space, conditional spaces included", c =>
            new BruteForceSampler(new BruteForceSamplerOptions { Seed = c.SeedOrOption })),
    ];

    private static readonly FrozenDictionary<string, Entry> ByName = Entries.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The names, for help and messages.</summary>
    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>Lines of help: name, options and description.</summary>
    public static IEnumerable<string> Help =>
        Entries.Select(e => $"{e.Name}{(e.Options.Length > 0 ? $" [{string.Join(",", e.Options)}]" : string.Empty)}: {e.Description}");

    /// <summary>
    /// Creates the sampler <paramref name="spec"/> names. Without a spec: the study's default sampler (a
    /// <see cref="AutoSampler"/> with its defaults) seeded with <paramref name="seed"/>, or <see langword="null"/>
    /// (the study's default as it is) when there is no seed either.
    /// </summary>
    /// <exception cref="CliException">The name is unknown, or an option is unknown or invalid.</exception>
    public static Sampler? Create(string? spec, int? seed, SearchSpace? searchSpace)
    {
        if (spec is null)
        {
            return seed is null ? null : new AutoSampler(new AutoSamplerOptions { Seed = seed });
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

    /// <summary>The options of the <c>gp</c> entry.</summary>
    internal static GpSamplerOptions GpOptions(SamplerContext c)
    {
        var defaults = new GpSamplerOptions();
        return new GpSamplerOptions
        {
            Seed = c.SeedOrOption,
            StartupTrials = c.Spec.Int("startup_trials") ?? defaults.StartupTrials,
            Acquisition = c.Spec.Choice<GpAcquisitionFunction>("acquisition") ?? defaults.Acquisition,
            UcbBeta = c.Spec.Double("ucb_beta") ?? defaults.UcbBeta,
            KnowledgeGradientPoints = c.Spec.Int("knowledge_gradient_points") ?? defaults.KnowledgeGradientPoints,
            KernelPrior = c.Spec.Choice<GpKernelPrior>("kernel_prior") ?? defaults.KernelPrior,
            WarpOutputs = c.Spec.Bool("warp_outputs") ?? defaults.WarpOutputs,
            DeterministicObjective = c.Spec.Bool("deterministic_objective") ?? defaults.DeterministicObjective,
            PendingTrials = c.Spec.Choice<GpPendingTrials>("pending_trials") ?? defaults.PendingTrials,
            CandidatePoints = c.Spec.Int("candidate_points") ?? defaults.CandidatePoints,
            LocalSearches = c.Spec.Int("local_searches") ?? defaults.LocalSearches,
            RefitFraction = c.Spec.Double("refit_fraction") ?? defaults.RefitFraction,
            MaxFitTrials = c.Spec.Int("max_fit_trials") ?? defaults.MaxFitTrials,
        };
    }

    /// <summary>The options of the <c>cmaes</c> entry.</summary>
    internal static CmaEsSamplerOptions CmaEsOptions(SamplerContext c)
    {
        var defaults = new CmaEsSamplerOptions();
        return new CmaEsSamplerOptions
        {
            Seed = c.SeedOrOption,
            Sigma0 = c.Spec.Double("sigma0") ?? defaults.Sigma0,
            PopulationSize = c.Spec.Int("population_size") ?? defaults.PopulationSize,
            RestartStrategy = c.Spec.Choice<CmaRestartStrategy>("restart_strategy") ?? defaults.RestartStrategy,
            IncPopSize = c.Spec.Int("inc_pop_size") ?? defaults.IncPopSize,
            OrthogonalSampling = c.Spec.Bool("orthogonal_sampling") ?? defaults.OrthogonalSampling,
            UseSeparableCma = c.Spec.Bool("use_separable_cma") ?? defaults.UseSeparableCma,
            WithMargin = c.Spec.Bool("with_margin") ?? defaults.WithMargin,
            LrAdapt = c.Spec.Bool("lr_adapt") ?? defaults.LrAdapt,
            ConsiderPrunedTrials = c.Spec.Bool("consider_pruned_trials") ?? defaults.ConsiderPrunedTrials,
        };
    }

    /// <summary>The options of the <c>auto</c> entry.</summary>
    internal static AutoSamplerOptions AutoOptions(SamplerContext c)
    {
        var defaults = new AutoSamplerOptions();
        return new AutoSamplerOptions
        {
            Seed = c.SeedOrOption,
            StartupTrials = c.Spec.Int("startup_trials") ?? defaults.StartupTrials,
            GaussianProcessTrials = c.Spec.Int("gaussian_process_trials") ?? defaults.GaussianProcessTrials,
            GaussianProcessMaxTrials = c.Spec.Int("gaussian_process_max_trials") ?? defaults.GaussianProcessMaxTrials,
            MultiObjectiveTpeTrials = c.Spec.Int("multi_objective_tpe_trials") ?? defaults.MultiObjectiveTpeTrials,
        };
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
