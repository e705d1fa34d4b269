using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// Warm starting CMA-ES (Nomura, Watanabe, Akimoto, Ozaki and Onishi, AAAI 2021, arXiv:2012.06932):
/// the initial distribution is the Gaussian closest (in KL divergence) to a mixture of isotropic
/// Gaussians N(xᵢ, α²I) centred on the best γ·100 % solutions of a similar, earlier task.
/// </summary>
internal static class CmaWarmStart
{
    /// <summary>The share of the source solutions that count as promising.</summary>
    public const double DefaultGamma = 0.1;

    /// <summary>The standard deviation of each mixture component, in normalised units.</summary>
    public const double DefaultAlpha = 0.1;

    /// <summary>
    /// Estimates the initial mean m, step size σ and covariance C (with det C = 1): the mixture's mean
    /// μ and covariance Σ = α²I + (1/k)·Σᵢ xᵢxᵢᵀ − μμᵀ over the k = max(1, ⌊γ·N⌋) best solutions,
    /// split as σ = det(Σ)^(1/2n) and C = Σ/σ².
    /// </summary>
    /// <param name="points">The source solutions, N rows of n coordinates, row-major.</param>
    /// <param name="values">Their objective values, lower is better.</param>
    /// <param name="n">The dimension.</param>
    /// <param name="gamma">γ ∈ (0, 1].</param>
    /// <param name="alpha">α &gt; 0.</param>
    /// <returns>The mean, the step size and the covariance (row-major).</returns>
    /// <exception cref="ArgumentException">No solution was given.</exception>
    public static (double[] Mean, double Sigma, double[] Covariance) Estimate(
        ReadOnlySpan<double> points, ReadOnlySpan<double> values, int n, double gamma = DefaultGamma, double alpha = DefaultAlpha)
    {
        var count = values.Length;
        if (count == 0)
        {
            throw new ArgumentException("Warm starting needs at least one source solution.", nameof(values));
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, order);
        var top = Math.Max(1, (int)Math.Floor(count * gamma));

        var mean = new double[n];
        var second = new double[n * n];
        for (var r = 0; r < top; r++)
        {
            var x = points.Slice(order[r] * n, n);
            for (var i = 0; i < n; i++)
            {
                mean[i] += x[i] / top;
                for (var j = 0; j < n; j++)
                {
                    second[(i * n) + j] += x[i] * x[j] / top;
                }
            }
        }

        var covariance = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                covariance[(i * n) + j] = second[(i * n) + j] - (mean[i] * mean[j]) + (i == j ? alpha * alpha : 0);
            }
        }

        var logDeterminant = 0.0;
        foreach (var eigenvalue in SymmetricEigen.Eigenvalues(covariance, n))
        {
            logDeterminant += Math.Log(Math.Max(eigenvalue, alpha * alpha * 1e-12));
        }

        var sigma = Math.Exp(logDeterminant / (2 * n));
        for (var k = 0; k < covariance.Length; k++)
        {
            covariance[k] /= sigma * sigma;
        }

        return (mean, sigma, covariance);
    }
}
