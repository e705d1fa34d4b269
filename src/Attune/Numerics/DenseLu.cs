namespace Attune.Numerics;

/// <summary>Solves small dense square systems by Gaussian elimination with partial pivoting.</summary>
internal static class DenseLu
{
    /// <summary>Solves A·x = b in place; A (row-major, n×n, contiguous) is overwritten by its LU factors.</summary>
    /// <param name="a">The matrix.</param>
    /// <param name="n">The order.</param>
    /// <param name="b">The right-hand side; receives x.</param>
    /// <returns><see langword="false"/> when A is singular to working precision.</returns>
    public static bool TrySolve(Span<double> a, int n, Span<double> b)
    {
        var scale = 0.0;
        for (var i = 0; i < n * n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[i]));
        }

        var tiny = scale * 1e-14;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[(row * n) + col]) > Math.Abs(a[(pivot * n) + col]))
                {
                    pivot = row;
                }
            }

            if (!(Math.Abs(a[(pivot * n) + col]) > tiny))
            {
                return false;
            }

            if (pivot != col)
            {
                for (var j = 0; j < n; j++)
                {
                    (a[(col * n) + j], a[(pivot * n) + j]) = (a[(pivot * n) + j], a[(col * n) + j]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            var diagonal = a[(col * n) + col];
            for (var row = col + 1; row < n; row++)
            {
                var factor = a[(row * n) + col] / diagonal;
                if (factor == 0)
                {
                    continue;
                }

                for (var j = col + 1; j < n; j++)
                {
                    a[(row * n) + j] -= factor * a[(col * n) + j];
                }

                b[row] -= factor * b[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var j = row + 1; j < n; j++)
            {
                sum -= a[(row * n) + j] * b[j];
            }

            b[row] = sum / a[(row * n) + row];
        }

        return true;
    }
}
