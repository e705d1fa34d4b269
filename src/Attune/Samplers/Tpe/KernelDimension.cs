namespace Attune.Samplers.Tpe;

/// <summary>How a parameter is modelled by the Parzen estimator.</summary>
internal enum KernelKind
{
    /// <summary>A truncated normal on [low, high] (in log space for log distributions).</summary>
    Continuous,

    /// <summary>A truncated normal integrated over each grid cell (in log space for log integers).</summary>
    Discrete,

    /// <summary>A categorical distribution over the choices.</summary>
    Categorical,
}

/// <summary>
/// One parameter of a search space as the Parzen estimator sees it: the kernel kind, the bounds in
/// the space where kernels live (log space for log distributions; widened by half a step for grids),
/// and the maps between internal values and that space.
/// </summary>
internal sealed class KernelDimension
{
    private KernelDimension(string name, Distribution distribution)
    {
        Name = name;
        Distribution = distribution;
    }

    public string Name { get; }

    public Distribution Distribution { get; }

    public KernelKind Kind { get; private init; }

    /// <summary>Whether kernels live in log space.</summary>
    public bool Log { get; private init; }

    /// <summary>The distribution's own bounds (internal values).</summary>
    public double Low { get; private init; }

    /// <summary>The distribution's own upper bound.</summary>
    public double High { get; private init; }

    /// <summary>The grid step of a discrete, non-log dimension; 0 otherwise.</summary>
    public double Step { get; private init; }

    /// <summary>The lower bound in kernel space (cell edge for grids).</summary>
    public double KernelLow { get; private init; }

    /// <summary>The upper bound in kernel space.</summary>
    public double KernelHigh { get; private init; }

    /// <summary>The number of categorical choices.</summary>
    public int Choices { get; private init; }

    /// <summary>KernelHigh − KernelLow.</summary>
    public double Range => KernelHigh - KernelLow;

    public static KernelDimension Create(string name, Distribution distribution) => distribution switch
    {
        FloatDistribution { Step: { } step } f => new(name, f)
        {
            Kind = KernelKind.Discrete, Low = f.Low, High = f.High, Step = step,
            KernelLow = f.Low - (step / 2), KernelHigh = f.High + (step / 2),
        },
        FloatDistribution { Log: true } f => new(name, f)
        {
            Kind = KernelKind.Continuous, Log = true, Low = f.Low, High = f.High,
            KernelLow = Math.Log(f.Low), KernelHigh = Math.Log(f.High),
        },
        FloatDistribution f => new(name, f)
        {
            Kind = KernelKind.Continuous, Low = f.Low, High = f.High, KernelLow = f.Low, KernelHigh = f.High,
        },
        IntDistribution { Log: true } i => new(name, i)
        {
            Kind = KernelKind.Discrete, Log = true, Low = i.Low, High = i.High,
            KernelLow = Math.Log(i.Low - 0.5), KernelHigh = Math.Log(i.High + 0.5),
        },
        IntDistribution i => new(name, i)
        {
            Kind = KernelKind.Discrete, Low = i.Low, High = i.High, Step = i.Step,
            KernelLow = i.Low - (i.Step / 2.0), KernelHigh = i.High + (i.Step / 2.0),
        },
        CategoricalDistribution c => new(name, c) { Kind = KernelKind.Categorical, Choices = c.Choices.Count },
        _ => throw new ArgumentException($"TPE cannot model {distribution}.", nameof(distribution)),
    };

    /// <summary>The kernel-space position of an internal value (its logarithm for log dimensions; the index for categoricals).</summary>
    public double ToKernel(double value) => Log ? Math.Log(value) : value;

    /// <summary>The cell of a grid value in kernel space.</summary>
    public (double Low, double High) Cell(double value) =>
        Log ? (Math.Log(value - 0.5), Math.Log(value + 0.5)) : (value - (Step / 2), value + (Step / 2));

    /// <summary>The internal value for a kernel-space draw: back from log space, onto the grid, into the bounds.</summary>
    public double FromKernel(double x)
    {
        switch (Kind)
        {
            case KernelKind.Continuous:
                return Math.Clamp(Log ? Math.Exp(x) : x, Low, High);
            case KernelKind.Discrete when Log:
                return Math.Clamp(Math.Round(Math.Exp(x)), Low, High);
            case KernelKind.Discrete:
                var k = Math.Round((x - Low) / Step);
                return Math.Clamp(Low + (k * Step), Low, High);
            default:
                return x;
        }
    }
}
