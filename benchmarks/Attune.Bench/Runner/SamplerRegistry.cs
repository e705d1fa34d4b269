using Attune.Samplers;

namespace Attune.Bench.Runner;

/// <summary>
/// Samplers by name, each created fresh for one run from the run's seed. Add a sampler with one
/// line in <see cref="Default"/> (or <see cref="Add"/> at run time).
/// </summary>
public sealed class SamplerRegistry
{
    private readonly Dictionary<string, Func<int, Sampler>> factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The samplers that exist in this build.</summary>
    public static SamplerRegistry Default => new()
    {
        ["random"] = seed => new RandomSampler(new RandomSamplerOptions { Seed = seed }),
        ["qmc"] = seed => new QmcSampler(new QmcSamplerOptions { Seed = seed, Scramble = true }),
        ["tpe"] = seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }),
        ["tpe_uni"] = seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = false }),
        ["tpe_group"] = seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Group = true }),
        ["tpe_wide"] = seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, GoodBandwidthFactor = 1, Recombination = 0 }),
        ["nsga2"] = seed => new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed }),
        ["nsga3"] = seed => new NsgaIIISampler(new NsgaIIISamplerOptions { Seed = seed }),
        ["cmaes"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed }),
        ["cmaes_iid"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, OrthogonalSampling = false }),
        ["cmaes_margin"] = seed => new CmaEsSampler(new CmaEsSamplerOptions { Seed = seed, WithMargin = true }),
        ["auto"] = seed => new AutoSampler(new AutoSamplerOptions { Seed = seed }),
        ["gp"] = seed => new GpSampler(new GpSamplerOptions { Seed = seed }),
        ["gp-ucb"] = seed => new GpSampler(new GpSamplerOptions { Seed = seed, Acquisition = GpAcquisitionFunction.UpperConfidenceBound }),
        ["gp-nowarp"] = seed => new GpSampler(new GpSamplerOptions { Seed = seed, WarpOutputs = false }),
        ["gp-hvarfner"] = seed => new GpSampler(new GpSamplerOptions { Seed = seed, KernelPrior = GpKernelPrior.DimensionScaledLogNormal }),
        ["gp-det"] = seed => new GpSampler(new GpSamplerOptions { Seed = seed, DeterministicObjective = true }),
        ["rf"] = seed => new RandomForestSampler(new RandomForestSamplerOptions { Seed = seed }),
        ["rf-interleave"] = seed => new RandomForestSampler(new RandomForestSamplerOptions { Seed = seed, RandomInterval = 2 }),
        ["gp-effort"] = seed => new GpSampler(new GpSamplerOptions { Seed = seed, CandidatePoints = 4096, LocalSearches = 20 }),
    };

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyList<string> Names => factories.Keys.ToArray();

    /// <summary>Registers (or replaces) a sampler factory.</summary>
    /// <param name="name">The name used on the command line.</param>
    /// <returns>The factory from a seed to a new sampler.</returns>
    public Func<int, Sampler> this[string name]
    {
        get => factories.TryGetValue(name, out var factory)
            ? factory
            : throw new ArgumentException($"Unknown sampler '{name}'; known: {string.Join(", ", factories.Keys)}.", nameof(name));
        set => Add(name, value);
    }

    /// <summary>Registers (or replaces) a sampler factory.</summary>
    /// <param name="name">The name used on the command line.</param>
    /// <param name="factory">Creates a sampler from a seed.</param>
    public void Add(string name, Func<int, Sampler> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        factories[name] = factory;
    }

    /// <summary>Whether a sampler of that name is registered.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(string name) => factories.ContainsKey(name);

    /// <summary>Creates the named sampler for a seed.</summary>
    /// <param name="name">The name.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>A new sampler.</returns>
    /// <exception cref="ArgumentException">No sampler has that name.</exception>
    public Sampler Create(string name, int seed) => this[name](seed);
}
