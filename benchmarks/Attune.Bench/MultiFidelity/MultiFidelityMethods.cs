using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Bench.MultiFidelity;

/// <summary>The methods of the lcbench protocol (shared/bench/optuna-3.1-lcbench.md, letters (a) to (g)) and ours.</summary>
public static class MultiFidelityMethods
{
    /// <summary>Hyperband(1, 52, 3), the protocol's setting.</summary>
    /// <param name="samplerTrials">What a TPE sampler models; default Attune's default.</param>
    /// <returns>The pruner.</returns>
    public static HyperbandPruner Hyperband(HyperbandSamplerTrials samplerTrials) =>
        new(new() { MinResource = 1, MaxResource = LcBenchSurrogate.Epochs, ReductionFactor = 3, SamplerTrials = samplerTrials });

    /// <summary>Hyperband(1, 52, 3) with its default sampler view.</summary>
    /// <returns>The pruner.</returns>
    public static HyperbandPruner Hyperband() => new(new() { MinResource = 1, MaxResource = LcBenchSurrogate.Epochs, ReductionFactor = 3 });

    /// <summary>
    /// Every method, in the order of the table. Optuna's rows (a)–(g) use TPESampler() with its
    /// defaults, which is univariate, so the same setup here is TPE with Multivariate = false.
    /// </summary>
    public static IReadOnlyList<MultiFidelityMethod> All { get; } =
    [
        new("random", "(a) Random, no pruning", Random, () => new NopPruner()),
        new("tpe", "(b) TPE univariate (Optuna's default), no pruning", Tpe, () => new NopPruner()),
        new("tpe_mv", "(c) TPE multivariate (TpeSampler's default), no pruning", TpeMultivariate, () => new NopPruner()),
        new("random_hyperband", "(d) Random + Hyperband(1,52,3)", Random, Hyperband),
        new("bohb", "(e) TPE + Hyperband(1,52,3): Attune's BOHB", Tpe, Hyperband),
        new("tpe_median", "(f) TPE + Median(5,5)", Tpe, () => new MedianPruner(new() { StartupTrials = 5, WarmupSteps = 5 })),
        new("random_sha", "(g) Random + SHA(1,3)", Random, () => new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 3 })),
        new("tpe_hyperband_bracket", "TPE + Hyperband(1,52,3), Optuna's bracket view", Tpe, () => Hyperband(HyperbandSamplerTrials.Bracket)),
        new("tpe_mv_bohb", "TPE multivariate + Hyperband(1,52,3)", TpeMultivariate, Hyperband),
        new("random_sha3", "Random + SHA(3,3)", Random, () => Sha(3, 3)),
        new("tpe_sha3", "TPE + SHA(3,3)", Tpe, () => Sha(3, 3)),
        new("tpe_sha4e2", "TPE + SHA(4,2)", Tpe, () => Sha(4, 2)),
        new("auto", "AutoSampler (the default), no pruning", Auto, () => new NopPruner()),
        new("auto_hyperband", "AutoSampler + Hyperband(1,52,3)", Auto, Hyperband),
        new("auto_median", "AutoSampler + Median(5,5)", Auto, () => new MedianPruner(new() { StartupTrials = 5, WarmupSteps = 5 })),
    ];

    /// <summary>The method of that name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">No method has that name.</exception>
    public static MultiFidelityMethod Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown method '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));

    private static RandomSampler Random(int seed) => new(new RandomSamplerOptions { Seed = seed });

    private static TpeSampler Tpe(int seed) => new(new TpeSamplerOptions { Seed = seed, Multivariate = false });

    private static AutoSampler Auto(int seed) => new(new AutoSamplerOptions { Seed = seed });

    private static TpeSampler TpeMultivariate(int seed) => new(new TpeSamplerOptions { Seed = seed, Multivariate = true });

    private static SuccessiveHalvingPruner Sha(int minResource, int reductionFactor) =>
        new(new() { MinResource = minResource, ReductionFactor = reductionFactor });
}
