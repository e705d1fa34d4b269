namespace Attune.Samplers;

/// <summary>The low-discrepancy sequence a <see cref="QmcSampler"/> draws from.</summary>
public enum QmcSequence
{
    /// <summary>
    /// Sobol's sequence with the direction numbers of Joe and Kuo (2008), up to
    /// <see cref="QmcSampler.MaxSobolDimension"/> numerical parameters. Its balance is best at powers
    /// of two: plan budgets of 2^k trials where you can.
    /// </summary>
    Sobol,

    /// <summary>The Halton sequence: one prime base per parameter (2, 3, 5, …), without a limit on the number of parameters.</summary>
    Halton,
}
