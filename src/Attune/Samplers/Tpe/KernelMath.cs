using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Attune.Samplers.Tpe;

/// <summary>Vectorised loops of the Parzen estimator's density evaluation.</summary>
internal static class KernelMath
{
    // Terms this far below the largest add less than e^-50 each: below double precision even for 10⁶ terms.
    private const double Negligible = -50;

    /// <summary>log Σ e^(values[i]), skipping the exponentials of negligible terms.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NegativeInfinity;
        }

        var max = Max(values);
        if (double.IsNegativeInfinity(max) || double.IsNaN(max))
        {
            return max;
        }

        return max + Math.Log(SumExp(values, max));
    }

    /// <summary>Σ e^(values[i] − max) over the terms above max − 50 (max is the largest value).</summary>
    public static double SumExp(ReadOnlySpan<double> values, double max)
    {
        var i = 0;
        var total = 0.0;
        ref var start = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<double>.Count)
        {
            var sum = Vector512<double>.Zero;
            var shift = Vector512.Create(max);
            var floor = Vector512.Create(Negligible);
            for (; i <= values.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var d = Vector512.LoadUnsafe(ref start, (nuint)i) - shift;
                var keep = Vector512.GreaterThan(d, floor);
                if (keep != Vector512<double>.Zero)
                {
                    sum += Vector512.ConditionalSelect(keep, ExpNonPositive(Vector512.Max(d, floor)), Vector512<double>.Zero);
                }
            }

            total = Vector512.Sum(sum);
        }
        else
        {
            var sum = Vector<double>.Zero;
            var shift = new Vector<double>(max);
            var floor = new Vector<double>(Negligible);
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var d = Vector.LoadUnsafe(ref start, (nuint)i) - shift;
                var keep = Vector.GreaterThan(d, floor);
                if (keep != Vector<long>.Zero)
                {
                    sum += Vector.ConditionalSelect(keep, ExpNonPositive(Vector.Max(d, floor)), Vector<double>.Zero);
                }
            }

            total = Vector.Sum(sum);
        }

        for (; i < values.Length; i++)
        {
            var d = values[i] - max;
            if (d > Negligible)
            {
                total += Math.Exp(d);
            }
        }

        return total;
    }

    /// <summary>
    /// e^x for x in [−700, 0], to within a few units in the last place: x = k·ln 2 + r with |r| ≤ ln 2 / 2
    /// (ln 2 in two parts), e^r by its Taylor polynomial of degree 12 (truncation below 2e-16), and 2^k
    /// put into the exponent bits. About four times faster than <see cref="Vector.Exp(Vector{double})"/> here.
    /// </summary>
    public static Vector<double> ExpNonPositive(Vector<double> x)
    {
        var k = Vector.Round(x * new Vector<double>(1.4426950408889634));
        var r = Vector.FusedMultiplyAdd(k, new Vector<double>(-0.6931471805599453), x);
        r = Vector.FusedMultiplyAdd(k, new Vector<double>(-2.3190468138462996e-17), r);
        var p = new Vector<double>(1.0 / 479001600);
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 39916800));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 3628800));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 362880));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 40320));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 5040));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 720));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 120));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 24));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(1.0 / 6));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<double>(0.5));
        p = Vector.FusedMultiplyAdd(p, r, Vector<double>.One);
        p = Vector.FusedMultiplyAdd(p, r, Vector<double>.One);
        var scale = Vector.ShiftLeft(Vector.ConvertToInt64(k) + new Vector<long>(1023), 52);
        return p * Vector.AsVectorDouble(scale);
    }

    /// <summary>The 512-bit form of <see cref="ExpNonPositive(Vector{double})"/>.</summary>
    public static Vector512<double> ExpNonPositive(Vector512<double> x)
    {
        var k = Vector512.Round(x * Vector512.Create(1.4426950408889634));
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-0.6931471805599453), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-2.3190468138462996e-17), r);
        var p = Vector512.Create(1.0 / 479001600);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        var scale = Vector512.ShiftLeft(Vector512.ConvertToInt64(k) + Vector512.Create(1023L), 52);
        return p * scale.AsDouble();
    }

    /// <summary>The largest value.</summary>
    public static double Max(ReadOnlySpan<double> values)
    {
        var i = 0;
        var best = double.NegativeInfinity;
        ref var start = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<double>.Count)
        {
            var m = Vector512.LoadUnsafe(ref start);
            for (i = Vector512<double>.Count; i <= values.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                m = Vector512.Max(m, Vector512.LoadUnsafe(ref start, (nuint)i));
            }

            for (var k = 0; k < Vector512<double>.Count; k++)
            {
                best = Math.Max(best, m[k]);
            }
        }
        else if (values.Length >= Vector<double>.Count)
        {
            var m = Vector.LoadUnsafe(ref start);
            for (i = Vector<double>.Count; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                m = Vector.Max(m, Vector.LoadUnsafe(ref start, (nuint)i));
            }

            for (var k = 0; k < Vector<double>.Count; k++)
            {
                best = Math.Max(best, m[k]);
            }
        }

        for (; i < values.Length; i++)
        {
            best = Math.Max(best, values[i]);
        }

        return best;
    }

    /// <summary>
    /// For every candidate c: acc[c·stride + k] = base[k] − ½ Σ_j ((x[c, j] − μ_j[k]) / σ_j[k])² over the
    /// given Gaussian dimensions and the kernels [0, count). Kernels are processed in blocks so that
    /// each block of centres is read once for all candidates.
    /// </summary>
    /// <param name="baseline">Per-kernel constant (log weight minus normalisers).</param>
    /// <param name="centres">Per dimension: kernel centres.</param>
    /// <param name="inverses">Per dimension: 1/σ per kernel.</param>
    /// <param name="points">Candidates, row-major (candidates × dimensions), in kernel space.</param>
    /// <param name="candidates">The number of candidates.</param>
    /// <param name="count">The number of kernels, from 0.</param>
    /// <param name="acc">Receives the sums, candidate-major with row length <paramref name="stride"/>.</param>
    /// <param name="stride">The row length of <paramref name="acc"/>.</param>
    public static void Gaussian(double[] baseline, double[][] centres, double[][] inverses, double[] points, int candidates, int count, double[] acc, int stride)
    {
        var d = centres.Length;
        ref var baseRef = ref MemoryMarshal.GetArrayDataReference(baseline);
        ref var accRef = ref MemoryMarshal.GetArrayDataReference(acc);
        var vectorEnd = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var w = Vector512<double>.Count;
            vectorEnd = count - (count % w);
            var half = Vector512.Create(-0.5);
            for (var k = 0; k < vectorEnd; k += w)
            {
                var b = Vector512.LoadUnsafe(ref baseRef, (nuint)k);
                for (var c = 0; c < candidates; c++)
                {
                    var a = b;
                    var row = c * d;
                    for (var j = 0; j < d; j++)
                    {
                        var m = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(centres[j]), (nuint)k);
                        var inv = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(inverses[j]), (nuint)k);
                        var z = (Vector512.Create(points[row + j]) - m) * inv;
                        a = Vector512.FusedMultiplyAdd(half * z, z, a);
                    }

                    a.StoreUnsafe(ref accRef, (nuint)((c * stride) + k));
                }
            }
        }
        else
        {
            var w = Vector<double>.Count;
            vectorEnd = count - (count % w);
            var half = new Vector<double>(-0.5);
            for (var k = 0; k < vectorEnd; k += w)
            {
                var b = Vector.LoadUnsafe(ref baseRef, (nuint)k);
                for (var c = 0; c < candidates; c++)
                {
                    var a = b;
                    var row = c * d;
                    for (var j = 0; j < d; j++)
                    {
                        var m = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(centres[j]), (nuint)k);
                        var inv = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(inverses[j]), (nuint)k);
                        var z = (new Vector<double>(points[row + j]) - m) * inv;
                        a = Vector.FusedMultiplyAdd(half * z, z, a);
                    }

                    a.StoreUnsafe(ref accRef, (nuint)((c * stride) + k));
                }
            }
        }

        for (var k = vectorEnd; k < count; k++)
        {
            for (var c = 0; c < candidates; c++)
            {
                var a = baseline[k];
                for (var j = 0; j < d; j++)
                {
                    var z = (points[(c * d) + j] - centres[j][k]) * inverses[j][k];
                    a -= 0.5 * z * z;
                }

                acc[(c * stride) + k] = a;
            }
        }
    }

    /// <summary>terms[i] = baseline[i] − ½((x − μ[i])·inverse[i])²; returns the largest term.</summary>
    public static double Gaussian1D(double x, ReadOnlySpan<double> mu, ReadOnlySpan<double> inverse, ReadOnlySpan<double> baseline, Span<double> terms)
    {
        var n = terms.Length;
        var i = 0;
        var best = double.NegativeInfinity;
        ref var m = ref MemoryMarshal.GetReference(mu);
        ref var v = ref MemoryMarshal.GetReference(inverse);
        ref var b = ref MemoryMarshal.GetReference(baseline);
        ref var t = ref MemoryMarshal.GetReference(terms);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            var vx = Vector512.Create(x);
            var half = Vector512.Create(-0.5);
            var max = Vector512.Create(double.NegativeInfinity);
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var u = (vx - Vector512.LoadUnsafe(ref m, (nuint)i)) * Vector512.LoadUnsafe(ref v, (nuint)i);
                var term = Vector512.FusedMultiplyAdd(half * u, u, Vector512.LoadUnsafe(ref b, (nuint)i));
                term.StoreUnsafe(ref t, (nuint)i);
                max = Vector512.Max(max, term);
            }

            for (var l = 0; l < Vector512<double>.Count; l++)
            {
                best = Math.Max(best, max[l]);
            }
        }
        else
        {
            var vx = new Vector<double>(x);
            var half = new Vector<double>(-0.5);
            var max = new Vector<double>(double.NegativeInfinity);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var u = (vx - Vector.LoadUnsafe(ref m, (nuint)i)) * Vector.LoadUnsafe(ref v, (nuint)i);
                var term = Vector.FusedMultiplyAdd(half * u, u, Vector.LoadUnsafe(ref b, (nuint)i));
                term.StoreUnsafe(ref t, (nuint)i);
                max = Vector.Max(max, term);
            }

            for (var l = 0; l < Vector<double>.Count; l++)
            {
                best = Math.Max(best, max[l]);
            }
        }

        for (; i < n; i++)
        {
            var u = (x - mu[i]) * inverse[i];
            terms[i] = baseline[i] - (0.5 * u * u);
            best = Math.Max(best, terms[i]);
        }

        return best;
    }
}
