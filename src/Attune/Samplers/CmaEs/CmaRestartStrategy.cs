namespace Attune.Samplers;

/// <summary>What <see cref="CmaEsSampler"/> does when a CMA-ES run has converged or stalled.</summary>
public enum CmaRestartStrategy
{
    /// <summary>Never restart: the run keeps sampling around where it converged (Optuna's default).</summary>
    None,

    /// <summary>
    /// IPOP-CMA-ES (Auger and Hansen, CEC 2005): restart from a uniformly random mean with the population
    /// multiplied by <see cref="CmaEsSamplerOptions.IncPopSize"/> each time; larger populations smooth
    /// out the local minima of multimodal functions.
    /// </summary>
    Ipop,

    /// <summary>
    /// BIPOP-CMA-ES (Hansen, GECCO 2009): alternate between restarts with a growing population (as IPOP)
    /// and restarts with a small population and a small, random step size, giving each regime about the
    /// same number of evaluations; good on functions with both a global structure and fine local minima.
    /// </summary>
    Bipop,
}
