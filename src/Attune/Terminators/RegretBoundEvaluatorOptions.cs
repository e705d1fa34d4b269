namespace Attune.Terminators;

/// <summary>How <see cref="RegretBoundEvaluator"/> fits its Gaussian process and searches for its bound.</summary>
public sealed record RegretBoundEvaluatorOptions
{
    /// <summary>The share of the complete trials, best first, that the Gaussian process is fitted to.</summary>
    /// <value>Default 0.5. Must lie in (0, 1].</value>
    public double TopTrialsRatio { get; init; } = 0.5;

    /// <summary>The fewest trials the Gaussian process is fitted to (all of them when the study has fewer).</summary>
    /// <value>Default 20. Must be at least 2.</value>
    public int MinTrials { get; init; } = 20;

    /// <summary>How many quasi-random points the search for the highest upper confidence bound starts from.</summary>
    /// <value>Default 2048. Must be at least 1.</value>
    public int Candidates { get; init; } = 2048;

    /// <summary>The seed of the quasi-random points.</summary>
    /// <value>Default <see langword="null"/>: a fixed seed (0), so the same trials always give the same bound.</value>
    public int? Seed { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    internal void Validate()
    {
        if (!(TopTrialsRatio > 0.0 && TopTrialsRatio <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(TopTrialsRatio), TopTrialsRatio, "The top-trials ratio must lie in (0, 1].");
        }

        if (MinTrials < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MinTrials), MinTrials, "The Gaussian process needs at least 2 trials.");
        }

        if (Candidates < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Candidates), Candidates, "At least 1 candidate point is needed.");
        }
    }
}
