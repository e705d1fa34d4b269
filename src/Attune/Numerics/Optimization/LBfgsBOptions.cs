namespace Attune.Numerics.Optimization;

/// <summary>Stopping rules and memory of <see cref="LBfgsB"/>.</summary>
internal readonly record struct LBfgsBOptions
{
    /// <summary>Creates the default options.</summary>
    public LBfgsBOptions()
    {
    }

    /// <summary>The number of corrections kept (m). Default 10.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Stop after this many iterations. Default 200.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Stop after this many evaluations of the function. Default 1000.</summary>
    public int MaxEvaluations { get; init; } = 1000;

    /// <summary>Stop when the largest component of the projected gradient is at most this. Default 1e-5.</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when an iteration reduces f by at most this, relative to max(|f|, 1). Default 2.2e-9 (SciPy's factr = 1e7).</summary>
    public double RelativeTolerance { get; init; } = 1e7 * 2.220446049250313e-16;
}
