namespace Attune.Bench.MultiFidelity;

/// <summary>
/// One configuration's learning curve, evaluated on demand in two batched calls: epochs 1 … 3 (where
/// most pruned trials stop), then 4 … 52. A call costs about as much for 1 row as for 3, and grows
/// with the rows beyond, so this saves most of the surrogate's time in runs with aggressive pruning.
/// </summary>
public sealed class LazyCurve
{
    private const int FirstChunk = 3;

    private readonly LcBenchSurrogate surrogate;
    private readonly LcBenchTask task;
    private readonly LcBenchConfig config;
    private readonly double[] values = new double[LcBenchSurrogate.Epochs];
    private int known;

    /// <summary>Creates a curve; nothing is evaluated yet.</summary>
    /// <param name="surrogate">The surrogate.</param>
    /// <param name="task">The task.</param>
    /// <param name="config">The configuration.</param>
    public LazyCurve(LcBenchSurrogate surrogate, LcBenchTask task, LcBenchConfig config)
    {
        this.surrogate = surrogate;
        this.task = task;
        this.config = config;
    }

    /// <summary>val_accuracy (%) at <paramref name="epoch"/> (1 … 52).</summary>
    /// <param name="epoch">The epoch.</param>
    /// <returns>The value.</returns>
    public double this[int epoch]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(epoch, LcBenchSurrogate.Epochs);
            while (epoch > known)
            {
                var end = known < FirstChunk ? FirstChunk : LcBenchSurrogate.Epochs;
                surrogate.Evaluate(task, config, known + 1, values.AsSpan(known, end - known));
                known = end;
            }

            return values[epoch - 1];
        }
    }
}
