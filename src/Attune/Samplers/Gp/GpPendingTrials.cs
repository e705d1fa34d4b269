namespace Attune.Samplers;

/// <summary>
/// How a <see cref="GpSampler"/> treats trials that are running (asked, not yet told) when it picks
/// a point, so that parallel workers do not all pick the same one.
/// </summary>
public enum GpPendingTrials
{
    /// <summary>
    /// Kriging believer (Ginsbourger et al. 2010): each running trial is added to the model as if
    /// its value were the posterior mean there. The mean does not move, but the uncertainty around
    /// the running trials collapses, so the acquisition function looks elsewhere. The default.
    /// </summary>
    KrigingBeliever,

    /// <summary>
    /// Constant liar (Ginsbourger et al. 2010) with the worst value observed: each running trial is
    /// added to the model with that value, which pushes the next points further away than the
    /// kriging believer does.
    /// </summary>
    ConstantLiar,

    /// <summary>Running trials are ignored (workers may duplicate each other's points).</summary>
    Ignore,
}
