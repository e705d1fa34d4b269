namespace Attune.Samplers.Tpe;

/// <summary>
/// The observations one Parzen estimator is built from: for each kernel (in trial-number order) its
/// trial number and its position in kernel space in every dimension, and the raw weights.
/// Buffers are reused between calls by the owner.
/// </summary>
internal sealed class Observations
{
    private int[] trials = new int[16];
    private double[] weights = new double[16];

    public Observations(int dimensions)
    {
        Values = new double[dimensions][];
        for (var j = 0; j < dimensions; j++)
        {
            Values[j] = new double[16];
        }
    }

    public int Count { get; private set; }

    /// <summary>Kernel-space positions, per dimension then kernel (room for one more, the prior).</summary>
    public double[][] Values { get; }

    /// <summary>The trial number of each kernel; −1 for a running trial (never cached).</summary>
    public Span<int> Trials => trials.AsSpan(0, Count);

    /// <summary>The raw weight of each kernel.</summary>
    public Span<double> Weights => weights.AsSpan(0, Count);

    public void Clear() => Count = 0;

    /// <summary>Appends a kernel and returns its index; the caller fills <see cref="Values"/>[j][index].</summary>
    public int Add(int trialNumber)
    {
        if (Count + 1 >= trials.Length)
        {
            var size = trials.Length * 2;
            Array.Resize(ref trials, size);
            Array.Resize(ref weights, size);
            for (var j = 0; j < Values.Length; j++)
            {
                Array.Resize(ref Values[j], size);
            }
        }

        trials[Count] = trialNumber;
        return Count++;
    }

    /// <summary>Sets the number of kernels (contents of new entries undefined), keeping room for the prior.</summary>
    public void SetCount(int count)
    {
        if (count + 1 > trials.Length)
        {
            var size = Math.Max(count + 1, trials.Length * 2);
            Array.Resize(ref trials, size);
            Array.Resize(ref weights, size);
            for (var j = 0; j < Values.Length; j++)
            {
                Array.Resize(ref Values[j], size);
            }
        }

        Count = count;
    }
}
