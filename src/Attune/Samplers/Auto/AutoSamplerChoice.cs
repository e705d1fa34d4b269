namespace Attune.Samplers;

/// <summary>The sampler that <see cref="AutoSampler"/> chose for a trial.</summary>
public enum AutoSamplerChoice
{
    /// <summary>Random sampling, for the first trials, before any model has data.</summary>
    Startup,

    /// <summary><see cref="GpSampler"/>: single-objective numerical and mixed spaces, small to medium budgets.</summary>
    GaussianProcess,

    /// <summary><see cref="CmaEsSampler"/>, warm-started from the trials so far: numerical spaces once the Gaussian process has had its budget.</summary>
    CmaEs,

    /// <summary><see cref="TpeSampler"/>: conditional spaces, studies with pruned trials, multi-objective studies up to the NSGA-II switch, long studies CMA-ES does not suit.</summary>
    Tpe,

    /// <summary><see cref="NsgaIISampler"/>: multi-objective studies with many trials.</summary>
    NsgaII,
}
