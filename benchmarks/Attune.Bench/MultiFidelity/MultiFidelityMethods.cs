using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Bench.MultiFidelity;

/// <summary>The methods of the lcbench protocol (shared/bench/optuna-3.1-lcbench.md, letters (a) to (g)) and ours.</summary>
public static class MultiFidelityMethods
{
    /// <summary>Hyperband(1, 52, 3), the protocol's setting.</summary>
    public static HyperbandPruner Hyperband() => new(new() { MinResource = 1, MaxResource = LcBenchSurrogate.Epochs, ReductionFactor = 3 });

    /// <summary>Every method, in the order of the table.</summary>
    public static IReadOnlyList<MultiFidelityMethod> All { get; } =
    [
        new("random", "(a) Random, no pruning", Random, () => new NopPruner()),
        new("random_hyperband", "(d) Random + Hyperband(1,52,3)", Random, Hyperband),
        new("random_sha", "(g) Random + SHA(1,3)", Random, () => new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 3 })),
        new("random_sha3", "Random + SHA(3,3)", Random, () => new SuccessiveHalvingPruner(new() { MinResource = 3, ReductionFactor = 3 })),
        new("random_hyperband3", "Random + Hyperband(3,52,3)", Random, () => new HyperbandPruner(new() { MinResource = 3, MaxResource = LcBenchSurrogate.Epochs, ReductionFactor = 3 })),
    ];

    /// <summary>The method of that name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">No method has that name.</exception>
    public static MultiFidelityMethod Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown method '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));

    private static RandomSampler Random(int seed) => new(new RandomSamplerOptions { Seed = seed });
}
