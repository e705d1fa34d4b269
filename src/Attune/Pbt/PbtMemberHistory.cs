namespace Attune.Pbt;

/// <summary>One member's training as recorded in a study: its segments in order, one per generation.</summary>
/// <param name="Member">The member.</param>
/// <param name="Segments">
/// The segment of each generation that counts (the first trial of that generation that did not fail), in generation
/// order; the last may still be running. Interrupted attempts are in <see cref="PbtHistory.Segments"/> only.
/// </param>
public sealed record PbtMemberHistory(int Member, IReadOnlyList<PbtSegment> Segments)
{
    /// <summary>The number of segments the member has completed.</summary>
    public int CompletedGenerations
    {
        get
        {
            var count = 0;
            while (count < Segments.Count && Segments[count].Generation == count && Segments[count].State == TrialState.Complete)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>The member's last completed segment, or <see langword="null"/> before its first.</summary>
    public PbtSegment? Latest => CompletedGenerations is > 0 and var n ? Segments[n - 1] : null;

    /// <summary>The member's hyperparameter schedule: the hyperparameters in force over each step range, completed segments only.</summary>
    /// <returns>(first step, end step exclusive, hyperparameters), in step order.</returns>
    public IReadOnlyList<(long StartStep, long EndStep, PbtHyperparameters Hyperparameters)> Schedule() =>
        Segments.Take(CompletedGenerations).Select(s => (s.StartStep, s.EndStep, s.Hyperparameters)).ToArray();
}
