namespace Attune.Samplers;

/// <summary>
/// What <see cref="AutoSampler"/> knows of a study when it chooses a sampler: how many trials have
/// finished, and whether the search space is conditional (finished trials differ in their
/// parameters or distributions) or has categorical parameters. Built incrementally from the finished
/// trials; not thread-safe (its owner serialises calls).
/// </summary>
internal sealed class AutoStudyProfile
{
    private readonly FinishedTrialCursor cursor = new();
    private readonly Func<TrialRecord, bool> add;
    private Dictionary<string, Distribution>? firstSpace;

    public AutoStudyProfile() => add = Add;

    /// <summary>The number of complete trials.</summary>
    public int Complete { get; private set; }

    /// <summary>The number of pruned trials.</summary>
    public int Pruned { get; private set; }

    /// <summary>Complete plus pruned trials: those a model can learn from.</summary>
    public int Finished => Complete + Pruned;

    /// <summary>Whether two complete or pruned trials differ in their parameter names or distributions.</summary>
    public bool Conditional { get; private set; }

    /// <summary>Whether any complete or pruned trial has a categorical parameter with more than one choice.</summary>
    public bool Categorical { get; private set; }

    /// <summary>Takes in the trials that finished since the last call.</summary>
    /// <param name="trials">The study's trials, in number order, in time order across calls.</param>
    public void Update(IReadOnlyList<TrialRecord> trials) => cursor.Advance(trials, add);

    private bool Add(TrialRecord trial)
    {
        switch (trial.State)
        {
            case TrialState.Complete:
                Complete++;
                break;
            case TrialState.Pruned:
                Pruned++;
                break;
            default:
                return false;
        }

        foreach (var distribution in trial.Distributions.Values)
        {
            if (distribution is CategoricalDistribution { Choices.Count: > 1 })
            {
                Categorical = true;
            }
        }

        if (firstSpace is null)
        {
            firstSpace = new Dictionary<string, Distribution>(trial.Distributions, StringComparer.Ordinal);
        }
        else if (!Conditional && !SameSpace(firstSpace, trial.Distributions))
        {
            Conditional = true;
        }

        return true;
    }

    private static bool SameSpace(Dictionary<string, Distribution> first, IReadOnlyDictionary<string, Distribution> other)
    {
        if (first.Count != other.Count)
        {
            return false;
        }

        foreach (var (name, distribution) in other)
        {
            if (!first.TryGetValue(name, out var seen) || !seen.Equals(distribution))
            {
                return false;
            }
        }

        return true;
    }
}
