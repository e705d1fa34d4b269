using Attune.Numerics;
using Attune.Randomness;

namespace Attune.Tests.Numerics;

public class SymmetricEigenTests
{
    [Fact]
    public void Two_by_two_has_its_textbook_decomposition()
    {
        var (values, vectors) = Decompose([2, 1, 1, 2], 2);
        Golden.AssertClose(1, values[0], 1e-15);
        Golden.AssertClose(3, values[1], 1e-15);

        // Eigenvector of 1 is ±(1, −1)/√2, of 3 is ±(1, 1)/√2.
        var s = Math.Sqrt(0.5);
        Assert.Equal(s, Math.Abs(vectors[0]), 14);
        Assert.Equal(-Math.Sign(vectors[0]) * s, vectors[2], 14);
        Assert.Equal(Math.Sign(vectors[1]) * s, vectors[3], 14);
    }

    [Fact]
    public void Second_difference_matrix_matches_its_closed_form()
    {
        // tridiag(−1, 2, −1) of order n: λ_k = 2 − 2cos(kπ/(n+1)), v_k(i) ∝ sin((i+1)kπ/(n+1)).
        const int n = 9;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[(i * n) + i] = 2;
            if (i + 1 < n)
            {
                a[(i * n) + i + 1] = -1;
                a[((i + 1) * n) + i] = -1;
            }
        }

        var (values, vectors) = Decompose(a, n);
        for (var k = 1; k <= n; k++)
        {
            Golden.AssertClose(2 - (2 * Math.Cos(k * Math.PI / (n + 1))), values[k - 1], 1e-13);
            var norm = Math.Sqrt((n + 1) / 2.0);
            var sign = Math.Sign(vectors[k - 1]);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(sign * Math.Sin((i + 1) * k * Math.PI / (n + 1)) / norm, vectors[(i * n) + k - 1], 13);
            }
        }
    }

    [Fact]
    public void Hilbert_matrix_of_order_four_keeps_its_small_eigenvalue()
    {
        // Eigenvalues of H_ij = 1/(i + j + 1), computed to 30 digits with mpmath.
        double[] expected = [9.67023040225868856e-05, 6.73827360576074795e-03, 1.69141220221450032e-01, 1.50021428005924282e+00];
        var a = new double[16];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                a[(i * 4) + j] = 1.0 / (i + j + 1);
            }
        }

        var (values, vectors) = Decompose(a, 4);
        for (var k = 0; k < 4; k++)
        {
            Golden.AssertClose(expected[k], values[k], 1e-12);
        }

        AssertDecomposes(a, values, vectors, 4, 1e-15);
    }

    [Fact]
    public void Repeated_eigenvalues_get_an_orthonormal_basis()
    {
        // The all-ones matrix: n once, 0 with multiplicity n − 1.
        const int n = 6;
        var a = Enumerable.Repeat(1.0, n * n).ToArray();
        var (values, vectors) = Decompose(a, n);
        for (var k = 0; k < n - 1; k++)
        {
            Assert.Equal(0, values[k], 14);
        }

        Golden.AssertClose(n, values[n - 1], 1e-15);
        AssertDecomposes(a, values, vectors, n, 1e-14);
    }

    [Fact]
    public void Indefinite_and_diagonal_matrices()
    {
        var (swap, _) = Decompose([0, 1, 1, 0], 2);
        Assert.Equal([-1.0, 1.0], swap);

        var (diagonal, vectors) = Decompose([3, 0, 0, 0, -2, 0, 0, 0, 7], 3);
        Assert.Equal([-2.0, 3.0, 7.0], diagonal);
        Assert.Equal([0.0, 1, 0, 1, 0, 0, 0, 0, 1], vectors);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(40)]
    public void Ill_conditioned_covariance_with_a_known_spectrum(int n)
    {
        // A = Q·diag(λ)·Qᵀ with λ spread over 12 decades (a condition number of 1e12) and a random
        // orthogonal Q (a product of Householder reflections): every eigenvalue comes back to a relative
        // accuracy far beyond what the condition number would allow an absolute-error method.
        var rng = new SeededRandom(42);
        var q = RandomOrthogonal(n, rng);
        var spectrum = new double[n];
        for (var k = 0; k < n; k++)
        {
            spectrum[k] = Math.Pow(10, -6 + (12.0 * k / Math.Max(1, n - 1)));
        }

        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += q[(i * n) + k] * spectrum[k] * q[(j * n) + k];
                }

                a[(i * n) + j] = sum;
            }
        }

        var (values, vectors) = Decompose(a, n);
        for (var k = 0; k < n; k++)
        {
            // The input itself carries rounding errors of about 1e-16·‖A‖ = 1e-10 in absolute terms.
            Assert.True(Math.Abs(values[k] - spectrum[k]) <= 1e-9 * Math.Max(1, spectrum[k]), $"λ{k}: {values[k]} vs {spectrum[k]}");
        }

        AssertDecomposes(a, values, vectors, n, 1e-14);
    }

    [Fact]
    public void Edge_orders_and_bad_input()
    {
        var (none, _) = Decompose([], 0);
        Assert.Empty(none);
        var (one, vector) = Decompose([-4.5], 1);
        Assert.Equal([-4.5], one);
        Assert.Equal([1.0], vector);

        Assert.Throws<ArgumentException>(() => SymmetricEigen.Eigenvalues([1, double.NaN, double.NaN, 1], 2));
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Eigenvalues([1, 2, 3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricEigen.Eigenvalues([], -1));
    }

    [Fact]
    public void Only_the_symmetric_part_is_used()
    {
        // [[1, 3], [1, 1]] has symmetric part [[1, 2], [2, 1]]: eigenvalues −1 and 3.
        Assert.Equal([-1.0, 3.0], SymmetricEigen.Eigenvalues([1, 3, 1, 1], 2).Select(v => Math.Round(v, 14)));
    }

    private static (double[] Values, double[] Vectors) Decompose(double[] a, int n)
    {
        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricEigen.Decompose(a, n, values, vectors);
        for (var k = 1; k < n; k++)
        {
            Assert.True(values[k - 1] <= values[k], "eigenvalues must be ascending");
        }

        return (values, vectors);
    }

    // ‖A − VΛVᵀ‖max ≤ tol·‖A‖max and ‖VᵀV − I‖max ≤ 10·n·2⁻⁵³.
    private static void AssertDecomposes(double[] a, double[] values, double[] v, int n, double tolerance)
    {
        var scale = a.Max(Math.Abs);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                var dot = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += v[(i * n) + k] * values[k] * v[(j * n) + k];
                    dot += v[(k * n) + i] * v[(k * n) + j];
                }

                Assert.True(Math.Abs(sum - a[(i * n) + j]) <= tolerance * 10 * n * scale, $"A[{i},{j}]: {sum} vs {a[(i * n) + j]}");
                Assert.True(Math.Abs(dot - (i == j ? 1 : 0)) <= 1e-15 * 10 * n, $"(VᵀV)[{i},{j}] = {dot}");
            }
        }
    }

    private static double[] RandomOrthogonal(int n, SeededRandom rng)
    {
        var q = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            q[(i * n) + i] = 1;
        }

        var u = new double[n];
        for (var reflection = 0; reflection < 3; reflection++)
        {
            var norm = 0.0;
            for (var i = 0; i < n; i++)
            {
                u[i] = rng.NextGaussian();
                norm += u[i] * u[i];
            }

            // Q ← Q·(I − 2uuᵀ/‖u‖²)
            for (var r = 0; r < n; r++)
            {
                var dot = 0.0;
                for (var k = 0; k < n; k++)
                {
                    dot += q[(r * n) + k] * u[k];
                }

                for (var k = 0; k < n; k++)
                {
                    q[(r * n) + k] -= 2 * dot * u[k] / norm;
                }
            }
        }

        return q;
    }
}
