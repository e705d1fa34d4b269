namespace Attune.Samplers.Tpe;

/// <summary>
/// One parameter's values across a study's usable (complete or pruned) trials, indexed by trial
/// number (NaN where a trial lacks the parameter), with their logarithms (for log-scaled
/// distributions), the trials ordered by value (for univariate bandwidths without sorting on every
/// call), and a cache of kernel normalisers that stays valid while a kernel's bandwidth does not change.
/// </summary>
internal sealed class ParamColumn
{
    private int[] byValue = new int[16];
    private double normLow = double.NaN;
    private double normHigh = double.NaN;
    private int normKind = -1;
    private double[] normSigma = [];
    private double[] normValue = [];

    public ParamColumn(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Internal values by trial number; NaN where absent.</summary>
    public double[] Values { get; private set; } = [];

    /// <summary>Natural logarithms of <see cref="Values"/> (NaN where absent or not positive).</summary>
    public double[] Logs { get; private set; } = [];

    /// <summary>The number of trials in <see cref="ByValue"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Trial numbers having the parameter, ordered by value (ties by number); the first <see cref="Count"/> entries.</summary>
    public ReadOnlySpan<int> ByValue => byValue.AsSpan(0, Count);

    /// <summary>Makes room for trial numbers below <paramref name="trialCount"/>.</summary>
    public void EnsureCapacity(int trialCount)
    {
        if (Values.Length >= trialCount)
        {
            return;
        }

        var size = Math.Max(trialCount, Math.Max(64, Values.Length * 2));
        var values = new double[size];
        var logs = new double[size];
        values.AsSpan().Fill(double.NaN);
        logs.AsSpan().Fill(double.NaN);
        Values.CopyTo(values, 0);
        Logs.CopyTo(logs, 0);
        Values = values;
        Logs = logs;
    }

    /// <summary>Records a usable trial's value.</summary>
    public void Add(int trialNumber, double value)
    {
        EnsureCapacity(trialNumber + 1);
        Values[trialNumber] = value;
        Logs[trialNumber] = value > 0 ? Math.Log(value) : double.NaN;
        if (Count == byValue.Length)
        {
            Array.Resize(ref byValue, byValue.Length * 2);
        }

        // Binary search for the first entry ordered after (value, trialNumber); then shift.
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var other = Values[byValue[mid]];
            if (other < value || (other == value && byValue[mid] < trialNumber))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        Array.Copy(byValue, lo, byValue, lo + 1, Count - lo);
        byValue[lo] = trialNumber;
        Count++;
    }

    /// <summary>
    /// The normaliser cache for kernels on [low, high] of the given kind: per trial number, the
    /// bandwidth a normaliser was computed for (NaN when none) and the normaliser. Reset when the bounds
    /// or the kind differ from the cached ones; sized for every trial number below <paramref name="trialCount"/>.
    /// </summary>
    public (double[] Sigmas, double[] Values) NormalizerCache(double low, double high, int kind, int trialCount)
    {
        if (kind != normKind || low != normLow || high != normHigh)
        {
            normKind = kind;
            normLow = low;
            normHigh = high;
            normSigma.AsSpan().Fill(double.NaN);
        }

        if (trialCount > normSigma.Length)
        {
            var size = Math.Max(trialCount, Math.Max(64, normSigma.Length * 2));
            var sigmas = new double[size];
            sigmas.AsSpan().Fill(double.NaN);
            normSigma.CopyTo(sigmas, 0);
            var values = new double[size];
            normValue.CopyTo(values, 0);
            normSigma = sigmas;
            normValue = values;
        }

        return (normSigma, normValue);
    }
}
