namespace Attune.Samplers;

/// <summary>The prior on the kernel hyperparameters that a <see cref="GpSampler"/> maximizes the posterior under (MAP).</summary>
public enum GpKernelPrior
{
    /// <summary>
    /// Optuna's GPSampler prior: on each inverse squared lengthscale η the density e^(−0.1/η − 0.1η)
    /// (lengthscales near 1 in the unit cube), Gamma(2, 1) on the kernel scale and Gamma(1.1, 30)
    /// on the noise variance (small noise).
    /// </summary>
    Optuna,

    /// <summary>
    /// The dimension-scaled log-normal prior of Hvarfner, Hellsten and Nardi ("Vanilla Bayesian
    /// Optimization Performs Great in High Dimensions", ICML 2024): log ℓ ~ N(√2 + ½·log d, 3), so
    /// lengthscales grow like √d and the model stays smooth in many dimensions; log σ² ~ N(−4, 1)
    /// with σ² ≥ 1e-4; lengthscales ≥ 0.025; the kernel scale held at 1 (as Optuna's variant).
    /// </summary>
    DimensionScaledLogNormal,
}
