using System.Globalization;

namespace Attune.Forests;

/// <summary>How a <see cref="RandomForest"/> grows its regression trees.</summary>
internal sealed record ForestSettings
{
    /// <summary>The number of trees.</summary>
    public int Trees { get; init; } = 64;

    /// <summary>The largest depth of a tree (the root has depth 0).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The fewest distinct samples a node needs to be split.</summary>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>The fewest distinct samples each child of a split keeps.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>The fraction of features (at least one) tried at each split.</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>Whether each tree learns from a bootstrap sample (otherwise from every sample once).</summary>
    public bool Bootstrap { get; init; } = true;

    /// <summary>Checks the settings, naming the offending option in the message.</summary>
    /// <param name="parameterName">The name of the argument the settings came from.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public ForestSettings Validated(string parameterName)
    {
        Require(Trees >= 1, $"Trees must be >= 1, but got {Trees}.", parameterName);
        Require(MaxDepth >= 1, $"MaxDepth must be >= 1, but got {MaxDepth}.", parameterName);
        Require(MinSamplesSplit >= 2, $"MinSamplesSplit must be >= 2, but got {MinSamplesSplit}.", parameterName);
        Require(MinSamplesLeaf >= 1, $"MinSamplesLeaf must be >= 1, but got {MinSamplesLeaf}.", parameterName);
        Require(FeatureFraction > 0 && FeatureFraction <= 1, $"FeatureFraction must be in (0, 1], but got {FeatureFraction}.", parameterName);
        return this;
    }

    private static void Require(bool condition, FormattableString message, string parameterName)
    {
        if (!condition)
        {
            throw new ArgumentException(message.ToString(CultureInfo.InvariantCulture), parameterName);
        }
    }
}
