namespace Attune.Samplers;

/// <summary>
/// The rules by which <see cref="AutoSampler"/> chooses a sampler for the next trial; each is backed
/// by the benchmark tables in docs/samplers.md.
/// </summary>
internal static class AutoSamplerRules
{
    /// <summary>The sampler for the next trial.</summary>
    /// <param name="profile">What is known of the study's finished trials.</param>
    /// <param name="objectives">The number of objectives.</param>
    /// <param name="options">The sampler's options.</param>
    /// <param name="warmStarted">Whether the study has warm-start trials (<see cref="Study.WarmStartTrials"/>): the model they seed replaces the random startup trials.</param>
    /// <returns>The choice.</returns>
    public static AutoSamplerChoice Choose(AutoStudyProfile profile, int objectives, AutoSamplerOptions options, bool warmStarted = false)
    {
        if (profile.Finished < options.StartupTrials && !warmStarted)
        {
            return AutoSamplerChoice.Startup;
        }

        if (objectives > 1)
        {
            // TPE models every space and learns fastest; NSGA-II's generations pay off on long runs.
            return profile.Complete < options.MultiObjectiveTpeTrials || profile.Conditional
                ? AutoSamplerChoice.Tpe
                : AutoSamplerChoice.NsgaII;
        }

        // Conditional spaces: only TPE models each branch. Pruned trials: only TPE learns from how far
        // they got (and from a pruner's view of them, as in BOHB).
        if (profile.Conditional || profile.Pruned > 0)
        {
            return AutoSamplerChoice.Tpe;
        }

        // CMA-ES models neither categorical parameters nor constraints; the Gaussian process then keeps on
        // (it leads the benchmark's mixed space at 300 trials by three orders of magnitude) until its cost
        // per trial grows too large.
        var cmaEsCanFollow = !profile.Categorical && options.Constraints is null;
        if (profile.Complete < (cmaEsCanFollow ? options.GaussianProcessTrials : options.GaussianProcessMaxTrials))
        {
            return AutoSamplerChoice.GaussianProcess;
        }

        return cmaEsCanFollow ? AutoSamplerChoice.CmaEs : AutoSamplerChoice.Tpe;
    }
}
