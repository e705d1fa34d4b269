namespace Attune.Samplers;

/// <summary>Options of <see cref="NsgaIIISampler"/>: those of <see cref="NsgaSamplerOptions"/> and the reference points.</summary>
public sealed record NsgaIIISamplerOptions : NsgaSamplerOptions
{
    /// <summary>
    /// The reference points that steer survival: each a vector of non-negative numbers, not all zero, one
    /// per objective, in the normalized objective space where the ideal point is the origin and the
    /// extreme points lie at 1 on their axes. Survivors spread over the directions of these points, so
    /// points where you want trade-offs focus the search there.
    /// </summary>
    /// <value>Default <see langword="null"/>: Das–Dennis points with <see cref="DividingParameter"/> divisions (<see cref="ReferencePoints.DasDennis"/>).</value>
    public IReadOnlyList<IReadOnlyList<double>>? ReferencePoints { get; init; }

    /// <summary>The number of divisions H of each axis for the default Das–Dennis points, &gt;= 1. Ignored when <see cref="ReferencePoints"/> is set.</summary>
    /// <value>
    /// Default <see langword="null"/>: the largest H whose C(H + M − 1, M − 1) points (M objectives) do not
    /// exceed <see cref="NsgaSamplerOptions.PopulationSize"/>, as Deb and Jain size them (45 points for 3
    /// objectives and a population of 50). Optuna's default is 3.
    /// </value>
    public int? DividingParameter { get; init; }
}
