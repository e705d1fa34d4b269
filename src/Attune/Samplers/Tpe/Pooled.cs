using System.Buffers;

namespace Attune.Samplers.Tpe;

/// <summary>
/// Rents the large per-call arrays of the TPE hot path (kernel centres, bandwidths, observation
/// buffers) from the shared pool and gives them back when the call ends, so that sampling at tens of
/// thousands of trials does not churn the garbage collector. Rented arrays may be longer than asked
/// and are not cleared: callers track their own lengths and write before they read.
/// </summary>
internal static class Pooled
{
    public static T[] Rent<T>(int length) => ArrayPool<T>.Shared.Rent(Math.Max(length, 1));

    public static void Return<T>(T[]? array)
    {
        if (array is not null && array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
