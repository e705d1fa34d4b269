using System.Numerics;

namespace Attune.Numerics;

/// <summary>
/// Solves with a lower-triangular factor L (row-major, with a row stride, as produced by
/// <see cref="Cholesky"/>): L·x = b, Lᵀ·x = b, many right-hand sides at once, and the inverse of
/// L·Lᵀ. All loops run along contiguous rows so that they vectorize.
/// </summary>
internal static class TriangularSolve
{
    /// <summary>Solves L·x = b in place (forward substitution).</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride of <paramref name="l"/>.</param>
    /// <param name="b">The right-hand side; receives x. At least n elements.</param>
    public static void SolveLower(ReadOnlySpan<double> l, int n, int stride, Span<double> b)
    {
        Cholesky.CheckShape(l.Length, n, stride, nameof(l));
        for (var i = 0; i < n; i++)
        {
            var row = l.Slice(i * stride, i + 1);
            b[i] = (b[i] - VectorMath.Dot(row[..i], b[..i])) / row[i];
        }
    }

    /// <summary>Solves Lᵀ·x = b in place (back substitution, as scaled row additions).</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride of <paramref name="l"/>.</param>
    /// <param name="b">The right-hand side; receives x. At least n elements.</param>
    public static void SolveLowerTransposed(ReadOnlySpan<double> l, int n, int stride, Span<double> b)
    {
        Cholesky.CheckShape(l.Length, n, stride, nameof(l));
        for (var i = n - 1; i >= 0; i--)
        {
            var row = l.Slice(i * stride, i + 1);
            var xi = b[i] / row[i];
            b[i] = xi;
            VectorMath.Axpy(-xi, row[..i], b[..i]);
        }
    }

    /// <summary>Solves A·x = b in place for A = L·Lᵀ.</summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride of <paramref name="l"/>.</param>
    /// <param name="b">The right-hand side; receives x.</param>
    public static void SolveFactored(ReadOnlySpan<double> l, int n, int stride, Span<double> b)
    {
        SolveLower(l, n, stride, b);
        SolveLowerTransposed(l, n, stride, b);
    }

    /// <summary>
    /// Solves L·x = b in place for <paramref name="count"/> right-hand sides stored as rows of
    /// <paramref name="b"/> (row k at offset k·<paramref name="bStride"/>). The right-hand sides are
    /// processed in small blocks so that each row of L is read from memory once per block.
    /// </summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride of <paramref name="l"/>.</param>
    /// <param name="b">The right-hand sides as rows; receive the solutions.</param>
    /// <param name="count">The number of right-hand sides.</param>
    /// <param name="bStride">The distance between right-hand sides (≥ n).</param>
    public static void SolveLowerMany(ReadOnlySpan<double> l, int n, int stride, Span<double> b, int count, int bStride)
    {
        const int Block = 8;
        Cholesky.CheckShape(l.Length, n, stride, nameof(l));
        ArgumentOutOfRangeException.ThrowIfLessThan(bStride, n);
        for (var start = 0; start < count; start += Block)
        {
            var end = Math.Min(count, start + Block);
            for (var i = 0; i < n; i++)
            {
                var row = l.Slice(i * stride, i + 1);
                var prefix = row[..i];
                var inverse = 1 / row[i];
                for (var k = start; k < end; k++)
                {
                    var x = b.Slice(k * bStride, n);
                    x[i] = (x[i] - VectorMath.Dot(prefix, x[..i])) * inverse;
                }
            }
        }
    }

    /// <summary>The number of right-hand sides <see cref="SolveLowerPanel"/> solves at once: four vectors.</summary>
    public static int PanelWidth => 4 * Vector<double>.Count;

    /// <summary>
    /// Solves L·X = B in place for a panel of <see cref="PanelWidth"/> right-hand sides stored as the
    /// columns of a row-major n × <see cref="PanelWidth"/> matrix. Row i of the solution is row i of B
    /// minus Σ_{j&lt;i} L_ij·(row j of X), divided by L_ii: four vector accumulators stay in registers
    /// while the loop over j streams the rows of X, so each multiply-add costs about one load.
    /// </summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride of <paramref name="l"/>.</param>
    /// <param name="panel">n × <see cref="PanelWidth"/> values, row-major; receives X.</param>
    public static void SolveLowerPanel(ReadOnlySpan<double> l, int n, int stride, Span<double> panel)
    {
        Cholesky.CheckShape(l.Length, n, stride, nameof(l));
        var width = Vector<double>.Count;
        var panelWidth = 4 * width;
        if (panel.Length < n * panelWidth)
        {
            throw new ArgumentException($"panel has {panel.Length} elements; {n * panelWidth} are needed.", nameof(panel));
        }

        for (var i = 0; i < n; i++)
        {
            var row = l.Slice(i * stride, i + 1);
            var target = panel.Slice(i * panelWidth, panelWidth);
            var a0 = new Vector<double>(target);
            var a1 = new Vector<double>(target[width..]);
            var a2 = new Vector<double>(target[(2 * width)..]);
            var a3 = new Vector<double>(target[(3 * width)..]);
            for (var j = 0; j < i; j++)
            {
                var lij = new Vector<double>(row[j]);
                var source = panel.Slice(j * panelWidth, panelWidth);
                a0 -= lij * new Vector<double>(source);
                a1 -= lij * new Vector<double>(source[width..]);
                a2 -= lij * new Vector<double>(source[(2 * width)..]);
                a3 -= lij * new Vector<double>(source[(3 * width)..]);
            }

            var inverse = new Vector<double>(1 / row[i]);
            (a0 * inverse).CopyTo(target);
            (a1 * inverse).CopyTo(target[width..]);
            (a2 * inverse).CopyTo(target[(2 * width)..]);
            (a3 * inverse).CopyTo(target[(3 * width)..]);
        }
    }

    /// <summary>
    /// The inverse of A = L·Lᵀ, written in full (both triangles) to <paramref name="inverse"/>:
    /// L⁻¹ by rows, then Σ over rows k of L⁻¹ of the outer products (symmetric rank-one updates).
    /// About n³/3 multiply-adds.
    /// </summary>
    /// <param name="l">The factor.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride of <paramref name="l"/>.</param>
    /// <param name="inverse">Receives A⁻¹.</param>
    /// <param name="inverseStride">The row stride of <paramref name="inverse"/>.</param>
    /// <param name="scratch">Room for n·n values (holds L⁻¹).</param>
    public static void InverseFromFactor(ReadOnlySpan<double> l, int n, int stride, Span<double> inverse, int inverseStride, Span<double> scratch)
    {
        Cholesky.CheckShape(l.Length, n, stride, nameof(l));
        Cholesky.CheckShape(inverse.Length, n, inverseStride, nameof(inverse));
        if (scratch.Length < n * n)
        {
            throw new ArgumentException($"scratch has {scratch.Length} elements; {n * n} are needed.", nameof(scratch));
        }

        // Row i of L⁻¹: (e_i − Σ_{k<i} L_ik · (row k of L⁻¹)) / L_ii, nonzero in columns 0 … i.
        var inv = scratch[..(n * n)];
        for (var i = 0; i < n; i++)
        {
            var row = l.Slice(i * stride, i + 1);
            var target = inv.Slice(i * n, n);
            target.Clear();
            for (var k = 0; k < i; k++)
            {
                if (row[k] != 0)
                {
                    VectorMath.Axpy(-row[k], inv.Slice(k * n, k + 1), target);
                }
            }

            target[i] = 1;
            var scale = 1 / row[i];
            for (var j = 0; j <= i; j++)
            {
                target[j] *= scale;
            }
        }

        // A⁻¹ = L⁻ᵀ·L⁻¹ = Σ_k (row k)ᵀ(row k); accumulate the lower triangle.
        for (var a = 0; a < n; a++)
        {
            inverse.Slice(a * inverseStride, a + 1).Clear();
        }

        for (var k = 0; k < n; k++)
        {
            var r = inv.Slice(k * n, k + 1);
            for (var a = 0; a <= k; a++)
            {
                if (r[a] != 0)
                {
                    VectorMath.Axpy(r[a], r[..(a + 1)], inverse.Slice(a * inverseStride, a + 1));
                }
            }
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < a; b++)
            {
                inverse[(b * inverseStride) + a] = inverse[(a * inverseStride) + b];
            }
        }
    }
}
