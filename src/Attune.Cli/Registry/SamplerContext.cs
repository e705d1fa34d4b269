namespace Attune.Cli;

/// <summary>What a sampler factory may use: the seed from <c>--seed</c>, its options, and the command's search space.</summary>
/// <param name="Spec">The name and options from <c>--sampler</c>.</param>
/// <param name="Seed">The seed from <c>--seed</c>, or <see langword="null"/>.</param>
/// <param name="SearchSpace">The search space of <c>attune run</c> or <c>attune ask</c>, or <see langword="null"/> when the command has none.</param>
internal sealed record SamplerContext(ComponentSpec Spec, int? Seed, SearchSpace? SearchSpace)
{
    /// <summary>The seed: the sampler's own <c>seed=</c> option, else <c>--seed</c>.</summary>
    public int? SeedOrOption => Spec.Int("seed") ?? Seed;
}
