namespace Attune.Numerics.Optimization;

/// <summary>Why <see cref="LBfgsB"/> stopped.</summary>
internal enum LBfgsBStop
{
    /// <summary>The projected gradient is below the tolerance.</summary>
    Gradient,

    /// <summary>The relative reduction of f fell below the tolerance.</summary>
    RelativeReduction,

    /// <summary>The iteration limit was reached.</summary>
    MaxIterations,

    /// <summary>The evaluation limit was reached.</summary>
    MaxEvaluations,

    /// <summary>The line search found no sufficient decrease, even along the steepest descent.</summary>
    LineSearchFailed,

    /// <summary>The function is not finite at the starting point.</summary>
    NotFiniteAtStart,
}

/// <summary>The outcome of <see cref="LBfgsB.Minimize"/>.</summary>
/// <param name="Value">The lowest value seen (at the point left in the caller's x).</param>
/// <param name="Iterations">Iterations done.</param>
/// <param name="Evaluations">Function evaluations done.</param>
/// <param name="Stop">Why it stopped.</param>
internal readonly record struct LBfgsBResult(double Value, int Iterations, int Evaluations, LBfgsBStop Stop);
