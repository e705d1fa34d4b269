namespace Attune.Samplers.Tpe;

/// <summary>
/// The observations one Parzen estimator is built from: for each kernel (in trial-number order) its
/// trial number and its position in kernel space in every dimension, and the raw weights. Buffers
/// are pooled; dispose when the estimator has been built.
/// </summary>
internal sealed class Observations : IDisposable
{
    private int[] trials;
    private double[] weights;

    public Observations(int dimensions, int capacity = 16)
    {
        trials = Pooled.Rent<int>(capacity + 1);
        weights = Pooled.Rent<double>(capacity + 1);
        Values = new double[dimensions][];
        for (var j = 0; j < dimensions; j++)
        {
            Values[j] = Pooled.Rent<double>(capacity + 1);
        }
    }

    public int Count { get; private set; }

    /// <summary>Kernel-space positions, per dimension then kernel (room for one more, the prior).</summary>
    public double[][] Values { get; }

    /// <summary>The trial number of each kernel; −1 for a running trial (never cached).</summary>
    public Span<int> Trials => trials.AsSpan(0, Count);

    /// <summary>The raw weight of each kernel.</summary>
    public Span<double> Weights => weights.AsSpan(0, Count);

    /// <summary>Appends a kernel and returns its index; the caller fills <see cref="Values"/>[j][index].</summary>
    public int Add(int trialNumber)
    {
        SetCount(Count + 1);
        trials[Count - 1] = trialNumber;
        return Count - 1;
    }

    /// <summary>Sets the number of kernels (contents of new entries undefined), keeping room for the prior.</summary>
    public void SetCount(int count)
    {
        if (count + 1 > trials.Length)
        {
            var size = Math.Max(count + 1, trials.Length * 2);
            trials = Grow(trials, size);
            weights = Grow(weights, size);
            for (var j = 0; j < Values.Length; j++)
            {
                Values[j] = Grow(Values[j], size);
            }
        }

        Count = count;
    }

    public void Dispose()
    {
        Pooled.Return(trials);
        Pooled.Return(weights);
        foreach (var values in Values)
        {
            Pooled.Return(values);
        }

        trials = [];
        weights = [];
        Count = 0;
    }

    private T[] Grow<T>(T[] array, int size)
    {
        var larger = Pooled.Rent<T>(size);
        Array.Copy(array, larger, Math.Min(Count, array.Length));
        Pooled.Return(array);
        return larger;
    }
}
