using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Attune.Numerics;

/// <summary>
/// Dense vector kernels on spans (dot product, scaled addition), vectorized with
/// <see cref="Vector{T}"/> where the hardware supports it. The building blocks of the Cholesky
/// factorization, the triangular solves and the Gaussian-process code.
/// </summary>
internal static class VectorMath
{
    /// <summary>Σ x[i]·y[i] over the length of <paramref name="x"/>.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, at least as long as <paramref name="x"/>.</param>
    /// <returns>The dot product.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        if (y.Length < n)
        {
            throw new ArgumentException($"y has {y.Length} elements; x has {n}.", nameof(y));
        }

        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            for (; i <= n - (2 * width); i += 2 * width)
            {
                acc0 += Vector.LoadUnsafe(ref px, (nuint)i) * Vector.LoadUnsafe(ref py, (nuint)i);
                acc1 += Vector.LoadUnsafe(ref px, (nuint)(i + width)) * Vector.LoadUnsafe(ref py, (nuint)(i + width));
            }

            sum = Vector.Sum(acc0 + acc1);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref px, i) * Unsafe.Add(ref py, i);
        }

        return sum;
    }

    /// <summary>y[i] += a·x[i] over the length of <paramref name="x"/>.</summary>
    /// <param name="a">The scale.</param>
    /// <param name="x">The vector added.</param>
    /// <param name="y">The vector updated, at least as long as <paramref name="x"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        if (y.Length < n)
        {
            throw new ArgumentException($"y has {y.Length} elements; x has {n}.", nameof(y));
        }

        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            var va = new Vector<double>(a);
            for (; i <= n - width; i += width)
            {
                var sum = Vector.LoadUnsafe(ref py, (nuint)i) + (va * Vector.LoadUnsafe(ref px, (nuint)i));
                sum.StoreUnsafe(ref py, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref py, i) += a * Unsafe.Add(ref px, i);
        }
    }

    /// <summary>Σ x[i].</summary>
    /// <param name="x">The vector.</param>
    /// <returns>The sum.</returns>
    public static double Sum(ReadOnlySpan<double> x)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                acc += new Vector<double>(x[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>Σ x[i]².</summary>
    /// <param name="x">The vector.</param>
    /// <returns>The squared Euclidean norm.</returns>
    public static double SumOfSquares(ReadOnlySpan<double> x) => Dot(x, x);
}
