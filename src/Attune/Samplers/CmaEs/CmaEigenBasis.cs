using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// The eigendecomposition C = B·D²·Bᵀ of a CMA-ES covariance matrix (for separable CMA, D² is the
/// diagonal of C and B = I), and the products built from it: samples B·D·z, whitened steps C^(−1/2)·y
/// and their lengths. Immutable once computed, so samplers on several threads may share it.
/// </summary>
internal sealed class CmaEigenBasis
{
    // Eigenvalues below zero (rounding) are replaced by this.
    private const double EigenFloor = 1e-8;

    private readonly int n;
    private readonly bool separable;
    private readonly double[] basis;
    private readonly double[] scales;
    private readonly double[] transform;

    private CmaEigenBasis(int n, bool separable)
    {
        this.n = n;
        this.separable = separable;
        basis = new double[separable ? 0 : n * n];
        scales = new double[n];
        transform = new double[separable ? 0 : n * n];
    }

    /// <summary>B, row-major (component i of eigenvector k at i·n + k); empty when separable.</summary>
    public ReadOnlySpan<double> Basis => basis;

    /// <summary>D, the square roots of the eigenvalues (the axis lengths).</summary>
    public ReadOnlySpan<double> Scales => scales;

    /// <summary>B·D, row-major; empty when separable.</summary>
    public ReadOnlySpan<double> Transform => transform;

    /// <summary>
    /// Decomposes C. Eigenvalues below zero (rounding) are floored, and then C is rebuilt in place as
    /// B·D²·Bᵀ; otherwise C is left as it is, so that a state decoded and encoded again is unchanged.
    /// </summary>
    /// <param name="covariance">C, row-major n·n, or its diagonal when separable.</param>
    /// <param name="n">The dimension.</param>
    /// <param name="separable">Whether C is diagonal.</param>
    /// <returns>The decomposition.</returns>
    public static CmaEigenBasis Of(double[] covariance, int n, bool separable)
    {
        var result = new CmaEigenBasis(n, separable);
        result.Decompose(covariance);
        return result;
    }

    /// <summary>‖C^(−1/2) y‖² = ‖D⁻¹Bᵀy‖².</summary>
    /// <param name="y">A step.</param>
    /// <returns>Its squared Mahalanobis length.</returns>
    public double SquaredInverseRootNorm(ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        if (separable)
        {
            for (var i = 0; i < n; i++)
            {
                var v = y[i] / scales[i];
                sum += v * v;
            }

            return sum;
        }

        for (var j = 0; j < n; j++)
        {
            var dot = 0.0;
            for (var i = 0; i < n; i++)
            {
                dot += basis[(i * n) + j] * y[i];
            }

            var v = dot / scales[j];
            sum += v * v;
        }

        return sum;
    }

    /// <summary>result = C^(−1/2) y = B·D⁻¹·Bᵀ·y.</summary>
    /// <param name="y">A step.</param>
    /// <param name="result">Receives the whitened step.</param>
    public void InverseRootTimes(ReadOnlySpan<double> y, Span<double> result)
    {
        if (separable)
        {
            for (var i = 0; i < n; i++)
            {
                result[i] = y[i] / scales[i];
            }

            return;
        }

        Span<double> projected = n <= 128 ? stackalloc double[n] : new double[n];
        for (var j = 0; j < n; j++)
        {
            var dot = 0.0;
            for (var i = 0; i < n; i++)
            {
                dot += basis[(i * n) + j] * y[i];
            }

            projected[j] = dot / scales[j];
        }

        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += basis[(i * n) + j] * projected[j];
            }

            result[i] = sum;
        }
    }

    /// <summary>C^(−1/2) as a full matrix (for learning-rate adaptation; full CMA only).</summary>
    /// <returns>The matrix, row-major.</returns>
    public double[] InverseRoot()
    {
        var result = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += basis[(i * n) + k] * basis[(j * n) + k] / scales[k];
                }

                result[(i * n) + j] = sum;
            }
        }

        return result;
    }

    private void Decompose(double[] covariance)
    {
        if (separable)
        {
            for (var i = 0; i < n; i++)
            {
                if (covariance[i] < 0)
                {
                    covariance[i] = EigenFloor;
                }

                scales[i] = Math.Sqrt(covariance[i]);
            }

            return;
        }

        var eigenvalues = new double[n];
        SymmetricEigen.Decompose(covariance, n, eigenvalues, basis);
        var floored = false;
        for (var k = 0; k < n; k++)
        {
            if (eigenvalues[k] < 0)
            {
                eigenvalues[k] = EigenFloor;
                floored = true;
            }

            scales[k] = Math.Sqrt(eigenvalues[k]);
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                transform[(i * n) + j] = basis[(i * n) + j] * scales[j];
                if (floored)
                {
                    var sum = 0.0;
                    for (var k = 0; k < n; k++)
                    {
                        sum += basis[(i * n) + k] * eigenvalues[k] * basis[(j * n) + k];
                    }

                    covariance[(i * n) + j] = sum;
                }
            }
        }
    }
}
