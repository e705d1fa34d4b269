namespace Attune.Pruners;

/// <summary>
/// Decides whether a running trial should stop early, from its intermediate values and those of
/// earlier trials. Called by <see cref="Trial.ShouldPrune"/>; must be thread-safe.
/// </summary>
/// <remarks>
/// A pruner keeps state only in its own fields (caches that any process can rebuild) and in trial
/// or study system attributes, so that workers in other processes see the same decisions.
/// </remarks>
public abstract class Pruner
{
    /// <summary>
    /// Whether the pruner can judge trials of a study with several objectives (trials that report a
    /// vector per step with <see cref="Trial.Report(IReadOnlyList{double}, long)"/>). When it cannot,
    /// <see cref="Trial.ShouldPrune"/> throws for such studies.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public virtual bool SupportsMultiObjective => false;

    /// <summary>Whether <paramref name="trial"/> should be pruned now.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">A snapshot of the running trial, with its intermediate values.</param>
    /// <returns><see langword="true"/> to prune.</returns>
    public abstract bool Prune(Study study, TrialRecord trial);

    /// <summary>
    /// The trials a model-based sampler (such as <c>TpeSampler</c>) should learn from when it samples
    /// trial <paramref name="trialNumber"/>, when they are not simply the study's trials: a pruner that
    /// runs trials to different budgets can narrow them to the trials that are comparable with this
    /// one, or present each trial by its value at a common budget. <see cref="HyperbandPruner"/> uses
    /// this to turn TPE into BOHB.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="trialNumber">The number of the trial being sampled.</param>
    /// <returns>
    /// <see langword="null"/> (the default) to model the study's trials as they are; otherwise the
    /// records to model instead, in the order to model them (their numbers are not used), which may be
    /// views of the study's trials (e.g. a pruned trial shown as complete with its value at a budget).
    /// </returns>
    public virtual IReadOnlyList<TrialRecord>? TrialsForSampler(Study study, int trialNumber) => null;
}
