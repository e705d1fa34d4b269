using System.Numerics;

namespace Attune.Samplers;

/// <summary>
/// The kernel between one point and many training points stored by column (coordinate j of point
/// i at columns[j·stride + i]), vectorized over the training points: the scaled squared distances
/// accumulate one coordinate at a time, then the Matérn-5/2 function and its derivative are applied
/// with vector square roots and exponentials.
/// </summary>
internal static class KernelRow
{
    private const double Sqrt5 = 2.23606797749978969641;

    /// <summary>k_i = scale·Matérn(r²_i) and optionally slope_i = 2·scale·dMatérn/dr²(r²_i).</summary>
    /// <param name="point">The point.</param>
    /// <param name="columns">The training coordinates by column.</param>
    /// <param name="stride">The distance between columns.</param>
    /// <param name="count">The number of training points.</param>
    /// <param name="categorical">Which coordinates are categorical.</param>
    /// <param name="parameters">The hyperparameters.</param>
    /// <param name="kernel">Receives k, <paramref name="count"/> elements.</param>
    /// <param name="slope">Receives the slopes, or empty to skip them.</param>
    public static void Evaluate(
        ReadOnlySpan<double> point, double[] columns, int stride, int count, bool[] categorical, KernelParameters parameters, Span<double> kernel, Span<double> slope)
    {
        var eta = parameters.InverseSquaredLengthscales;
        var r2 = kernel[..count];
        r2.Clear();
        var width = Vector<double>.Count;
        for (var j = 0; j < eta.Length; j++)
        {
            var column = columns.AsSpan(j * stride, count);
            var p = point[j];
            var e = eta[j];
            if (categorical[j])
            {
                for (var i = 0; i < count; i++)
                {
                    if (column[i] != p)
                    {
                        r2[i] += e;
                    }
                }

                continue;
            }

            var i0 = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vp = new Vector<double>(p);
                var ve = new Vector<double>(e);
                for (; i0 <= count - width; i0 += width)
                {
                    var diff = new Vector<double>(column[i0..]) - vp;
                    (new Vector<double>(r2[i0..]) + (ve * diff * diff)).CopyTo(r2[i0..]);
                }
            }

            for (; i0 < count; i0++)
            {
                var diff = column[i0] - p;
                r2[i0] += e * diff * diff;
            }
        }

        var scale = parameters.Scale;
        var withSlope = !slope.IsEmpty;
        var i1 = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vScale = new Vector<double>(scale);
            var vSqrt5 = new Vector<double>(Sqrt5);
            var third = new Vector<double>(1.0 / 3.0);
            var slopeFactor = new Vector<double>(-5.0 / 3.0 * scale);
            for (; i1 <= count - width; i1 += width)
            {
                var s = vSqrt5 * Vector.SquareRoot(new Vector<double>(r2[i1..]));
                var exp = Vector.Exp(-s);
                var onePlusS = Vector<double>.One + s;
                if (withSlope)
                {
                    (slopeFactor * onePlusS * exp).CopyTo(slope[i1..]);
                }

                (vScale * (onePlusS + (s * s * third)) * exp).CopyTo(kernel[i1..]);
            }
        }

        for (; i1 < count; i1++)
        {
            var s = Sqrt5 * Math.Sqrt(r2[i1]);
            var exp = Math.Exp(-s);
            if (withSlope)
            {
                slope[i1] = -5.0 / 3.0 * scale * (1 + s) * exp;
            }

            kernel[i1] = scale * (1 + s + (s * s / 3)) * exp;
        }
    }
}
