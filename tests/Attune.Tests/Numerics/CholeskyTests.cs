using Attune.Numerics;
using Attune.Randomness;

namespace Attune.Tests.Numerics;

public class CholeskyTests
{
    // A random symmetric positive-definite matrix: B·Bᵀ + n·I.
    private static double[] RandomSpd(int n, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var b = new double[n * n];
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = rng.NextGaussian();
        }

        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = i == j ? n : 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += b[(i * n) + k] * b[(j * n) + k];
                }

                a[(i * n) + j] = sum;
            }
        }

        return a;
    }

    private static double[] LowerOf(double[] factor, int n, int stride)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                l[(i * n) + j] = factor[(i * stride) + j];
            }
        }

        return l;
    }

    [Fact]
    public void Factor_of_a_known_3x3_matrix()
    {
        // A = L·Lᵀ with L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]].
        double[] a = [4, 12, -16, 12, 37, -43, -16, -43, 98];
        Assert.True(Cholesky.TryFactor(a, 3, 3));
        double[] expected = [2, 0, 0, 6, 1, 0, -8, 5, 3];
        var l = LowerOf(a, 3, 3);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(expected[i], l[i], 12);
        }

        Assert.Equal(2 * Math.Log(2 * 1 * 3), Cholesky.LogDeterminant(a, 3, 3), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(101)]
    public void Factor_reproduces_the_matrix(int n)
    {
        var a = RandomSpd(n, (ulong)n);
        var factor = (double[])a.Clone();
        Assert.True(Cholesky.TryFactor(factor, n, n));
        var l = LowerOf(factor, n, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var k = 0; k <= j; k++)
                {
                    sum += l[(i * n) + k] * l[(j * n) + k];
                }

                Assert.True(Math.Abs(sum - a[(i * n) + j]) <= 1e-10 * n, $"({i}, {j}): {sum} vs {a[(i * n) + j]}");
            }
        }
    }

    [Fact]
    public void Not_positive_definite_fails_and_jitter_rescues_a_singular_matrix()
    {
        double[] indefinite = [1, 2, 2, 1];
        Assert.False(Cholesky.TryFactor((double[])indefinite.Clone(), 2, 2));

        // Rank one: x·xᵀ with x = (1, 2, 3) is only positive semi-definite.
        double[] singular = [1, 2, 3, 2, 4, 6, 3, 6, 9];
        var factor = new double[9];
        var jitter = Cholesky.FactorWithJitter(singular, 3, 3, factor, 3);
        Assert.True(jitter > 0);
        Assert.True(jitter < 1e-3 * 14 / 3.0);
        Assert.Throws<InvalidOperationException>(() => Cholesky.FactorWithJitter(indefinite, 2, 2, new double[4], 2));
    }

    [Fact]
    public void Incremental_extension_equals_a_fresh_factorization()
    {
        const int N = 30;
        const int Stride = 40;
        var a = RandomSpd(N, 99);
        var grown = new double[Stride * Stride];
        var first = 12;
        for (var i = 0; i < first; i++)
        {
            a.AsSpan(i * N, i + 1).CopyTo(grown.AsSpan(i * Stride));
        }

        Assert.True(Cholesky.TryFactor(grown, first, Stride));
        for (var m = first; m < N; m++)
        {
            var column = new double[m];
            for (var j = 0; j < m; j++)
            {
                column[j] = a[(m * N) + j];
            }

            Assert.True(Cholesky.TryExtend(grown, m, Stride, column, a[(m * N) + m]));
        }

        var fresh = (double[])a.Clone();
        Assert.True(Cholesky.TryFactor(fresh, N, N));
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                Assert.Equal(fresh[(i * N) + j], grown[(i * Stride) + j], 10);
            }
        }
    }

    [Fact]
    public void Solves_and_inverse_agree_with_the_matrix()
    {
        const int N = 25;
        var a = RandomSpd(N, 5);
        var l = (double[])a.Clone();
        Assert.True(Cholesky.TryFactor(l, N, N));
        var rng = new SeededRandom(8);
        var x = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i] = rng.NextGaussian();
        }

        var b = new double[N];
        for (var i = 0; i < N; i++)
        {
            b[i] = VectorMath.Dot(a.AsSpan(i * N, N), x);
        }

        var solved = (double[])b.Clone();
        TriangularSolve.SolveFactored(l, N, N, solved);
        for (var i = 0; i < N; i++)
        {
            Assert.Equal(x[i], solved[i], 10);
        }

        // Lower solve of several right-hand sides at once equals one at a time.
        var many = new double[11 * N];
        for (var k = 0; k < 11; k++)
        {
            for (var i = 0; i < N; i++)
            {
                many[(k * N) + i] = b[i] * (k + 1);
            }
        }

        TriangularSolve.SolveLowerMany(l, N, N, many, 11, N);
        var single = (double[])b.Clone();
        TriangularSolve.SolveLower(l, N, N, single);
        for (var k = 0; k < 11; k++)
        {
            for (var i = 0; i < N; i++)
            {
                Assert.Equal(single[i] * (k + 1), many[(k * N) + i], 9);
            }
        }

        var inverse = new double[N * N];
        TriangularSolve.InverseFromFactor(l, N, N, inverse, N, new double[N * N]);
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < N; k++)
                {
                    sum += a[(i * N) + k] * inverse[(k * N) + j];
                }

                Assert.Equal(i == j ? 1 : 0, sum, 9);
            }
        }
    }

    [Fact]
    public void Vector_kernels_match_scalar_loops()
    {
        var rng = new SeededRandom(3);
        for (var n = 0; n < 40; n++)
        {
            var x = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                x[i] = rng.NextGaussian();
                y[i] = rng.NextGaussian();
            }

            var dot = 0.0;
            for (var i = 0; i < n; i++)
            {
                dot += x[i] * y[i];
            }

            Assert.Equal(dot, VectorMath.Dot(x, y), 12);
            var z = (double[])y.Clone();
            VectorMath.Axpy(0.5, x, z);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(y[i] + (0.5 * x[i]), z[i], 14);
            }
        }
    }
}
