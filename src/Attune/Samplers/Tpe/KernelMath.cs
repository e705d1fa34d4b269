using System.Numerics;
using System.Runtime.InteropServices;

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

        var w = Vector<double>.Count;
        var i = 0;
        var sum = Vector<double>.Zero;
        var shift = new Vector<double>(max);
        var floor = new Vector<double>(Negligible);
        ref var start = ref MemoryMarshal.GetReference(values);
        for (; i <= values.Length - w; i += w)
        {
            var d = Vector.LoadUnsafe(ref start, (nuint)i) - shift;
            var keep = Vector.GreaterThan(d, floor);
            if (keep != Vector<long>.Zero)
            {
                // Clamped first: the vectorised exponential takes a slow path for arguments below about −709.
                sum += Vector.ConditionalSelect(keep, Vector.Exp(Vector.Max(d, floor)), Vector<double>.Zero);
            }
        }

        var total = Vector.Sum(sum);
        for (; i < values.Length; i++)
        {
            var d = values[i] - max;
            if (d > Negligible)
            {
                total += Math.Exp(d);
            }
        }

        return max + Math.Log(total);
    }

    /// <summary>The largest value.</summary>
    public static double Max(ReadOnlySpan<double> values)
    {
        var w = Vector<double>.Count;
        var i = 0;
        var best = double.NegativeInfinity;
        ref var start = ref MemoryMarshal.GetReference(values);
        if (values.Length >= w)
        {
            var m = Vector.LoadUnsafe(ref start);
            for (i = w; i <= values.Length - w; i += w)
            {
                m = Vector.Max(m, Vector.LoadUnsafe(ref start, (nuint)i));
            }

            for (var k = 0; k < w; k++)
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
        var w = Vector<double>.Count;
        var vectorEnd = count - (count % w);
        var half = new Vector<double>(-0.5);
        ref var baseRef = ref MemoryMarshal.GetArrayDataReference(baseline);
        ref var accRef = ref MemoryMarshal.GetArrayDataReference(acc);
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

    /// <summary>terms[i] = baseline[i] − ½((x − μ[i])·inverse[i])².</summary>
    public static void Gaussian1D(double x, ReadOnlySpan<double> mu, ReadOnlySpan<double> inverse, ReadOnlySpan<double> baseline, Span<double> terms)
    {
        var w = Vector<double>.Count;
        var n = terms.Length;
        var i = 0;
        var vx = new Vector<double>(x);
        var half = new Vector<double>(-0.5);
        ref var m = ref MemoryMarshal.GetReference(mu);
        ref var v = ref MemoryMarshal.GetReference(inverse);
        ref var b = ref MemoryMarshal.GetReference(baseline);
        ref var t = ref MemoryMarshal.GetReference(terms);
        for (; i <= n - w; i += w)
        {
            var u = (vx - Vector.LoadUnsafe(ref m, (nuint)i)) * Vector.LoadUnsafe(ref v, (nuint)i);
            Vector.FusedMultiplyAdd(half * u, u, Vector.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        }

        for (; i < n; i++)
        {
            var u = (x - mu[i]) * inverse[i];
            terms[i] = baseline[i] - (0.5 * u * u);
        }
    }
}
