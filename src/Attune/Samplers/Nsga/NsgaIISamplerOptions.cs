namespace Attune.Samplers;

/// <summary>Options of <see cref="NsgaIISampler"/>; every option is described on <see cref="NsgaSamplerOptions"/>.</summary>
public sealed record NsgaIISamplerOptions : NsgaSamplerOptions;
