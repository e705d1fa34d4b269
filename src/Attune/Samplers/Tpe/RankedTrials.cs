namespace Attune.Samplers.Tpe;

/// <summary>
/// Trial numbers kept in ascending order of a two-part key (ties by trial number), maintained by
/// binary insertion so that the best k are available without sorting on every call.
/// </summary>
internal sealed class RankedTrials
{
    private int[] numbers = new int[16];
    private double[] primary = new double[16];
    private double[] secondary = new double[16];

    public int Count { get; private set; }

    /// <summary>The trial numbers, best first.</summary>
    public ReadOnlySpan<int> Numbers => numbers.AsSpan(0, Count);

    public void Add(int trialNumber, double key, double tieBreak = 0)
    {
        if (Count == numbers.Length)
        {
            Array.Resize(ref numbers, Count * 2);
            Array.Resize(ref primary, Count * 2);
            Array.Resize(ref secondary, Count * 2);
        }

        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Before(mid, key, tieBreak, trialNumber))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var tail = Count - lo;
        Array.Copy(numbers, lo, numbers, lo + 1, tail);
        Array.Copy(primary, lo, primary, lo + 1, tail);
        Array.Copy(secondary, lo, secondary, lo + 1, tail);
        numbers[lo] = trialNumber;
        primary[lo] = key;
        secondary[lo] = tieBreak;
        Count++;
    }

    private bool Before(int index, double key, double tieBreak, int trialNumber)
    {
        var p = primary[index];
        if (p != key)
        {
            return p < key;
        }

        var s = secondary[index];
        return s != tieBreak ? s < tieBreak : numbers[index] < trialNumber;
    }
}
