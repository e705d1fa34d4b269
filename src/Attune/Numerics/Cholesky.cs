using System.Globalization;

namespace Attune.Numerics;

/// <summary>
/// The Cholesky factorization A = L·Lᵀ of a symmetric positive-definite matrix, with a jitter
/// retry for matrices that are positive definite only in exact arithmetic, and the extension of a
/// factor by one row and column (a new observation) in O(n²) instead of refactoring in O(n³).
/// </summary>
/// <remarks>
/// Matrices are dense and row-major in a span with a row <c>stride</c> (≥ n), so that a factor can
/// grow inside a buffer with spare capacity. Only the lower triangle (column ≤ row) of the input is
/// read; the factor is written to the lower triangle and the strict upper triangle is left alone.
/// </remarks>
internal static class Cholesky
{
    /// <summary>Factors <paramref name="a"/> in place (Cholesky–Banachiewicz, row by row, with vectorized dot products).</summary>
    /// <param name="a">The matrix, row-major; on success its lower triangle holds L.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The distance between rows.</param>
    /// <returns><see langword="false"/> when a pivot is not positive (the matrix is not numerically positive definite); the content is then undefined.</returns>
    public static bool TryFactor(Span<double> a, int n, int stride)
    {
        CheckShape(a.Length, n, stride, nameof(a));
        for (var i = 0; i < n; i++)
        {
            var rowI = a.Slice(i * stride, i + 1);
            for (var j = 0; j < i; j++)
            {
                var rowJ = a.Slice(j * stride, j + 1);
                rowI[j] = (rowI[j] - VectorMath.Dot(rowI[..j], rowJ[..j])) / rowJ[j];
            }

            var pivot = rowI[i] - VectorMath.SumOfSquares(rowI[..i]);
            if (!(pivot > 0) || !double.IsFinite(pivot))
            {
                return false;
            }

            rowI[i] = Math.Sqrt(pivot);
        }

        return true;
    }

    /// <summary>
    /// Factors <paramref name="source"/> into <paramref name="factor"/>, adding a growing multiple of
    /// the identity to the diagonal when the plain factorization fails: first
    /// <paramref name="initialJitter"/> times the mean diagonal, then ten times more on each retry.
    /// </summary>
    /// <param name="source">The matrix (lower triangle read).</param>
    /// <param name="n">The order.</param>
    /// <param name="sourceStride">The row stride of <paramref name="source"/>.</param>
    /// <param name="factor">Receives L in its lower triangle.</param>
    /// <param name="factorStride">The row stride of <paramref name="factor"/>.</param>
    /// <param name="initialJitter">The first jitter, relative to the mean diagonal. Default 1e-10.</param>
    /// <param name="maxRetries">Retries with jitter after the plain attempt. Default 8 (up to 1e-3 relative).</param>
    /// <returns>The jitter added to every diagonal element (0 when none was needed).</returns>
    /// <exception cref="InvalidOperationException">The matrix is not positive definite even with the largest jitter (or has non-finite entries).</exception>
    public static double FactorWithJitter(
        ReadOnlySpan<double> source, int n, int sourceStride, Span<double> factor, int factorStride, double initialJitter = 1e-10, int maxRetries = 8)
    {
        CheckShape(source.Length, n, sourceStride, nameof(source));
        CheckShape(factor.Length, n, factorStride, nameof(factor));
        var meanDiagonal = 0.0;
        for (var i = 0; i < n; i++)
        {
            meanDiagonal += source[(i * sourceStride) + i];
        }

        meanDiagonal = n > 0 ? Math.Max(meanDiagonal / n, double.Epsilon) : 1;
        var jitter = 0.0;
        for (var attempt = 0; attempt <= maxRetries; attempt++)
        {
            for (var i = 0; i < n; i++)
            {
                source.Slice(i * sourceStride, i + 1).CopyTo(factor.Slice(i * factorStride, i + 1));
                factor[(i * factorStride) + i] += jitter;
            }

            if (TryFactor(factor, n, factorStride))
            {
                return jitter;
            }

            jitter = attempt == 0 ? initialJitter * meanDiagonal : jitter * 10;
        }

        throw new InvalidOperationException(
            string.Create(CultureInfo.InvariantCulture, $"The {n}×{n} matrix is not positive definite, even with a jitter of {jitter / 10:E1} on its diagonal."));
    }

    /// <summary>
    /// Extends the factor of an n×n matrix to the factor of the (n+1)×(n+1) matrix that adds
    /// <paramref name="column"/> as its last row and column and <paramref name="diagonal"/> as its
    /// last diagonal element: the new row r solves L·r = column, and its diagonal is √(diagonal − r·r).
    /// Rows 0 … n−1 are not changed, so the result equals a fresh factorization of the larger matrix.
    /// </summary>
    /// <param name="factor">The factor, with room for row n.</param>
    /// <param name="n">The current order.</param>
    /// <param name="stride">The row stride (&gt; n).</param>
    /// <param name="column">The new off-diagonal entries, n of them.</param>
    /// <param name="diagonal">The new diagonal entry.</param>
    /// <returns><see langword="false"/> when the new pivot is not positive (the larger matrix is not numerically positive definite); row n is then undefined.</returns>
    public static bool TryExtend(Span<double> factor, int n, int stride, ReadOnlySpan<double> column, double diagonal)
    {
        if (stride <= n)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"The stride must exceed the order {n} to hold the new column.");
        }

        CheckShape(factor.Length, n + 1, stride, nameof(factor));
        var row = factor.Slice(n * stride, n + 1);
        column[..n].CopyTo(row);
        TriangularSolve.SolveLower(factor, n, stride, row[..n]);
        var pivot = diagonal - VectorMath.SumOfSquares(row[..n]);
        if (!(pivot > 0) || !double.IsFinite(pivot))
        {
            return false;
        }

        row[n] = Math.Sqrt(pivot);
        return true;
    }

    /// <summary>log det(A) = 2 Σ log L_ii.</summary>
    /// <param name="factor">The factor L.</param>
    /// <param name="n">The order.</param>
    /// <param name="stride">The row stride.</param>
    /// <returns>The log determinant of L·Lᵀ.</returns>
    public static double LogDeterminant(ReadOnlySpan<double> factor, int n, int stride)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += Math.Log(factor[(i * stride) + i]);
        }

        return 2 * sum;
    }

    internal static void CheckShape(int length, int n, int stride, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (stride < n)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"The stride must be at least the order {n}.");
        }

        if (n > 0 && length < ((long)(n - 1) * stride) + n)
        {
            throw new ArgumentException($"{name} has {length} elements; a {n}×{n} matrix with stride {stride} needs {((long)(n - 1) * stride) + n}.", name);
        }
    }
}
