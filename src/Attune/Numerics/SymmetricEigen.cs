namespace Attune.Numerics;

/// <summary>
/// Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method: plane
/// rotations zero the off-diagonal entries one at a time, sweep after sweep, until every one is
/// negligible beside its diagonal pair. The method converges quadratically and computes small
/// eigenvalues of positive definite matrices (such as covariance matrices) to high relative
/// accuracy. It costs O(n³) per sweep and needs about 6–10 sweeps, which suits the small and
/// medium matrices of samplers (up to a few hundred rows).
/// </summary>
/// <remarks>
/// Matrices are dense, row-major spans of n·n values. Only the symmetric part
/// <c>(A + Aᵀ)/2</c> of the input is used.
/// </remarks>
public static class SymmetricEigen
{
    // A converged matrix needs a handful of sweeps; this bound is only a guard against NaN input.
    private const int MaxSweeps = 64;

    // The unit round-off of double precision, 2^-53.
    private const double RoundOff = 1.1102230246251565e-16;

    // Below this an off-diagonal entry is treated as zero.
    private const double Tiny = 1e-300;

    /// <summary>
    /// Decomposes <c>A = V·diag(λ)·Vᵀ</c>: eigenvalues in ascending order and orthonormal eigenvectors
    /// as the columns of V (component i of eigenvector j at <c>vectors[i·n + j]</c>).
    /// </summary>
    /// <param name="matrix">A, row-major, n·n values.</param>
    /// <param name="n">The order of the matrix, at least 0.</param>
    /// <param name="eigenvalues">Receives the n eigenvalues, ascending.</param>
    /// <param name="eigenvectors">Receives V, row-major, n·n values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than the order requires, or the matrix holds a NaN or an infinity.</exception>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues, Span<double> eigenvectors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var size = checked(n * n);
        if (matrix.Length < size)
        {
            throw new ArgumentException($"The matrix holds {matrix.Length} values; an order-{n} matrix needs {size}.", nameof(matrix));
        }

        if (eigenvalues.Length < n)
        {
            throw new ArgumentException($"The eigenvalue span holds {eigenvalues.Length} values; {n} are needed.", nameof(eigenvalues));
        }

        if (eigenvectors.Length < size)
        {
            throw new ArgumentException($"The eigenvector span holds {eigenvectors.Length} values; {size} are needed.", nameof(eigenvectors));
        }

        var work = new double[size];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var value = 0.5 * (matrix[(i * n) + j] + matrix[(j * n) + i]);
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"The matrix holds a non-finite value at ({i}, {j}).", nameof(matrix));
                }

                work[(i * n) + j] = value;
            }
        }

        var v = eigenvectors[..size];
        v.Clear();
        for (var i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        Diagonalize(work, n, v);

        var values = eigenvalues[..n];
        for (var i = 0; i < n; i++)
        {
            values[i] = work[(i * n) + i];
        }

        SortAscending(values, v, n);
    }

    /// <summary>The eigenvalues alone, in ascending order.</summary>
    /// <param name="matrix">A, row-major, n·n values.</param>
    /// <param name="n">The order of the matrix.</param>
    /// <returns>The n eigenvalues, ascending.</returns>
    /// <exception cref="ArgumentException">The matrix span is too short or holds a non-finite value.</exception>
    public static double[] Eigenvalues(ReadOnlySpan<double> matrix, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new double[n];
        Decompose(matrix, n, values, new double[checked(n * n)]);
        return values;
    }

    // Cyclic Jacobi sweeps on the full symmetric matrix a, accumulating the rotations in v.
    private static void Diagonalize(double[] a, int n, Span<double> v)
    {
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var rotated = false;
            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[(p * n) + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    var app = a[(p * n) + p];
                    var aqq = a[(q * n) + q];

                    // Negligible beside the diagonal pair: a rotation would not change either eigenvalue
                    // in double precision (the relative criterion of Demmel and Veselić). Entries that
                    // have underflowed to subnormal size count as zero too.
                    var magnitude = Math.Abs(apq);
                    if (magnitude <= RoundOff * Math.Sqrt(Math.Abs(app)) * Math.Sqrt(Math.Abs(aqq)) || magnitude < Tiny)
                    {
                        a[(p * n) + q] = 0;
                        a[(q * n) + p] = 0;
                        continue;
                    }

                    Rotate(a, n, v, p, q, app, aqq, apq);
                    rotated = true;
                }
            }

            if (!rotated)
            {
                return;
            }
        }
    }

    // Applies the rotation in the (p, q) plane that zeroes a[p, q].
    private static void Rotate(double[] a, int n, Span<double> v, int p, int q, double app, double aqq, double apq)
    {
        // t = tan φ, the smaller root of t² + 2θt − 1 = 0, so that |φ| ≤ π/4.
        var theta = (aqq - app) / (2 * apq);
        var t = Math.Abs(theta) > 1e150
            ? 1 / (2 * theta)
            : Math.CopySign(1 / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1)), theta);

        var c = 1 / Math.Sqrt((t * t) + 1);
        var s = t * c;
        var tau = s / (1 + c);

        a[(p * n) + p] = app - (t * apq);
        a[(q * n) + q] = aqq + (t * apq);
        a[(p * n) + q] = 0;
        a[(q * n) + p] = 0;
        for (var r = 0; r < n; r++)
        {
            if (r == p || r == q)
            {
                continue;
            }

            var arp = a[(r * n) + p];
            var arq = a[(r * n) + q];
            var newRp = arp - (s * (arq + (tau * arp)));
            var newRq = arq + (s * (arp - (tau * arq)));
            a[(r * n) + p] = newRp;
            a[(p * n) + r] = newRp;
            a[(r * n) + q] = newRq;
            a[(q * n) + r] = newRq;
        }

        for (var r = 0; r < n; r++)
        {
            var vrp = v[(r * n) + p];
            var vrq = v[(r * n) + q];
            v[(r * n) + p] = vrp - (s * (vrq + (tau * vrp)));
            v[(r * n) + q] = vrq + (s * (vrp - (tau * vrq)));
        }
    }

    // Selection sort of the eigenvalues with their eigenvector columns (n is small; swaps are O(n)).
    private static void SortAscending(Span<double> values, Span<double> v, int n)
    {
        for (var i = 0; i < n - 1; i++)
        {
            var min = i;
            for (var j = i + 1; j < n; j++)
            {
                if (values[j] < values[min])
                {
                    min = j;
                }
            }

            if (min == i)
            {
                continue;
            }

            (values[i], values[min]) = (values[min], values[i]);
            for (var r = 0; r < n; r++)
            {
                (v[(r * n) + i], v[(r * n) + min]) = (v[(r * n) + min], v[(r * n) + i]);
            }
        }
    }
}
