namespace Attune.Importances;

/// <summary>The random forest of the tree-based importance evaluators (by default as Optuna's).</summary>
public abstract record RandomForestImportanceOptions
{
    /// <summary>The number of trees of the random forest.</summary>
    /// <value>Default 64.</value>
    /// <exception cref="ArgumentException">Less than 1 (thrown by the evaluator's constructor).</exception>
    public int Trees { get; init; } = 64;

    /// <summary>The largest depth of a tree.</summary>
    /// <value>Default 64.</value>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The fewest distinct trials a tree node needs to be split.</summary>
    /// <value>Default 2.</value>
    /// <exception cref="ArgumentException">Less than 2.</exception>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>The fewest distinct trials in each leaf.</summary>
    /// <value>Default 1.</value>
    /// <exception cref="ArgumentException">Less than 1.</exception>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>The seed of the forest (bootstrap samples and split features). With a seed the result is reproducible.</summary>
    /// <value>Default <see langword="null"/>: a seed from the operating system's entropy.</value>
    public int? Seed { get; init; }
}
