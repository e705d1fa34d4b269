namespace Attune.Samplers;

/// <summary>The acquisition function a single-objective <see cref="GpSampler"/> maximizes to choose the next trial.</summary>
public enum GpAcquisitionFunction
{
    /// <summary>
    /// The logarithm of expected improvement over the best value (LogEI, Ament et al. 2023): EI's
    /// choices, with a gradient that does not vanish far from the best trials. The default.
    /// </summary>
    LogExpectedImprovement,

    /// <summary>
    /// The upper confidence bound μ + √β·σ (GP-UCB, Srinivas et al. 2010), with
    /// β_t = 2·log(d·t²·π²/(6·0.1))/5 at the t-th trial (d parameters; the schedule of the paper's
    /// theorem, scaled down by 5 as in its experiments) unless <see cref="GpSamplerOptions.UcbBeta"/>
    /// fixes β. Explores more than LogEI.
    /// </summary>
    UpperConfidenceBound,

    /// <summary>The logarithm of the probability of improving on the best value. Exploits more than LogEI.</summary>
    ProbabilityOfImprovement,

    /// <summary>
    /// The knowledge gradient (Frazier et al. 2009): the expected gain of the maximum of the posterior
    /// mean over a discretized set — the trials so far plus
    /// <see cref="GpSamplerOptions.KnowledgeGradientPoints"/> quasi-random points — from one more
    /// observation. Accounts for noise; costlier per trial than the others.
    /// </summary>
    KnowledgeGradient,
}
