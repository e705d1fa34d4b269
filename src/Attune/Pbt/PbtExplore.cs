namespace Attune.Pbt;

/// <summary>How a member that exploited a better one chooses its new hyperparameters.</summary>
public enum PbtExplore
{
    /// <summary>
    /// Random perturbation (Jaderberg et al. 2017): each hyperparameter is resampled from its range with
    /// <see cref="PbtOptions.ResampleProbability"/>, otherwise multiplied by one of
    /// <see cref="PbtOptions.PerturbationFactors"/> (numbers) or moved to a neighbouring choice (categoricals).
    /// </summary>
    Perturb,

    /// <summary>
    /// Population-Based Bandits (Parker-Holder, Nguyen and Roberts 2020): a Gaussian process over
    /// (time, hyperparameters) models the score improvement of a segment, and the new hyperparameters
    /// maximize its upper confidence bound at the current time.
    /// </summary>
    Pb2,
}
