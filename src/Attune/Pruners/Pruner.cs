namespace Attune.Pruners;

/// <summary>
/// Decides whether a running trial should stop early, from its intermediate values and those of
/// earlier trials. Called by <see cref="Trial.ShouldPrune"/>; must be thread-safe.
/// </summary>
public abstract class Pruner
{
    /// <summary>Whether <paramref name="trial"/> should be pruned now.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">A snapshot of the running trial, with its intermediate values.</param>
    /// <returns><see langword="true"/> to prune.</returns>
    public abstract bool Prune(Study study, TrialRecord trial);
}
