using Attune.Numerics;
using Attune.Randomness;
using Attune.Samplers.Tpe;

namespace Attune.Tests.Samplers.Tpe;

/// <summary>The estimator's density against a direct evaluation of the mixture formula, and its samples against its density.</summary>
public class ParzenEstimatorTests
{
    private static readonly EstimatorSettings Multivariate = new(true, 3, 1.0, true, false);

    private static Observations Make(KernelDimension[] dims, double[][] rows, double[] weights)
    {
        var observations = new Observations(dims.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var k = observations.Add(-1);
            for (var j = 0; j < dims.Length; j++)
            {
                observations.Values[j][k] = dims[j].ToKernel(rows[i][j]);
            }

            observations.Weights[k] = weights[i];
        }

        return observations;
    }

    [Fact]
    public void Log_density_matches_the_mixture_of_truncated_normals_cell_masses_and_choice_weights()
    {
        var dims = new[]
        {
            KernelDimension.Create("x", new FloatDistribution(-2, 3)),
            KernelDimension.Create("lr", new FloatDistribution(1e-4, 1, log: true)),
            KernelDimension.Create("n", new IntDistribution(1, 10)),
            KernelDimension.Create("c", new CategoricalDistribution(["a", "b", "c"])),
        };
        double[][] rows = [[0.5, 0.01, 3, 0], [-1.5, 0.2, 7, 2], [2.9, 1e-3, 10, 1]];
        double[] weights = [0.5, 1.0, 1.0];
        var settings = Multivariate with { Dimensions = dims.Length };
        var estimator = ParzenEstimator.Build(dims, new ParamColumn?[dims.Length], Make(dims, rows, weights), settings);

        double[] point = [0.7, 0.02, 4, 0, -1.9, 0.5, 1, 2];
        Span<double> actual = stackalloc double[2];
        estimator.LogPdf(point, 2, actual);

        for (var c = 0; c < 2; c++)
        {
            // Direct: Σ_k w_k Π_j p_kj(x_j), with Scott's bandwidth 0.2·n^(−1/(d+4))·range clipped to [range/(n+2), range].
            var n = rows.Length;
            var total = weights.Sum() + 1.0;
            var density = 0.0;
            for (var k = 0; k <= n; k++)
            {
                var w = (k < n ? weights[k] : 1.0) / total;
                var p = w;
                for (var j = 0; j < dims.Length; j++)
                {
                    var dim = dims[j];
                    var x = point[(c * dims.Length) + j];
                    if (dim.Kind == KernelKind.Categorical)
                    {
                        var spread = 1.0 / (n + 1);
                        p *= k == n ? 1.0 / 3 : (rows[k][j] == x ? 1 + spread : spread) / (1 + (3 * spread));
                        continue;
                    }

                    var range = dim.KernelHigh - dim.KernelLow;
                    var mu = k < n ? dim.ToKernel(rows[k][j]) : 0.5 * (dim.KernelLow + dim.KernelHigh);
                    var sigma = k < n ? Math.Clamp(0.2 * Math.Pow(n, -1.0 / 8) * range, range / (n + 2), range) : range;
                    var mass = Normal.Cdf((dim.KernelHigh - mu) / sigma) - Normal.Cdf((dim.KernelLow - mu) / sigma);
                    if (dim.Kind == KernelKind.Continuous)
                    {
                        p *= Normal.Pdf((dim.ToKernel(x) - mu) / sigma) / sigma / mass;
                    }
                    else
                    {
                        var (lo, hi) = dim.Cell(x);
                        p *= (Normal.Cdf((hi - mu) / sigma) - Normal.Cdf((lo - mu) / sigma)) / mass;
                    }
                }

                density += p;
            }

            Assert.Equal(Math.Log(density), actual[c], 12);
        }
    }

    [Fact]
    public void Univariate_bandwidths_follow_the_neighbour_rule()
    {
        var dims = new[] { KernelDimension.Create("x", new FloatDistribution(0, 10)) };
        double[][] rows = [[1], [2], [6]];
        var settings = new EstimatorSettings(false, 1, 1.0, true, false);
        var estimator = ParzenEstimator.Build(dims, [null], Make(dims, rows, [1, 1, 1]), settings);

        // Sorted centres with the prior (5): 1, 2, 5, 6. Bandwidths: 1 → its right gap 1; 2 → max(1, 3) = 3;
        // 6 → its left gap 1 (endpoints ignored). Clip to [10/5, 10]: 2, 3, 2. Prior: 10.
        double[] sigmas = [2, 3, 2, 10];
        double[] mus = [1, 2, 6, 5];
        var actual = new double[1];
        foreach (var x in new[] { 0.3, 4.0, 9.9 })
        {
            var density = 0.0;
            for (var k = 0; k < 4; k++)
            {
                var mass = Normal.Cdf((10 - mus[k]) / sigmas[k]) - Normal.Cdf((0 - mus[k]) / sigmas[k]);
                density += 0.25 * Normal.Pdf((x - mus[k]) / sigmas[k]) / sigmas[k] / mass;
            }

            estimator.LogPdf([x], 1, actual);
            Assert.Equal(Math.Log(density), actual[0], 12);
        }
    }

    [Fact]
    public void Samples_follow_the_density()
    {
        var dims = new[] { KernelDimension.Create("x", new FloatDistribution(0, 1)), KernelDimension.Create("n", new IntDistribution(0, 4)) };
        double[][] rows = [[0.2, 1], [0.25, 1], [0.8, 3]];
        var settings = Multivariate with { Dimensions = 2 };
        var estimator = ParzenEstimator.Build(dims, [null, null], Make(dims, rows, [1, 1, 1]), settings);
        var rng = new SeededRandom(11);
        const int count = 20000;
        var samples = new double[count * 2];
        estimator.Sample(rng, count, samples);

        // Histogram of the integer dimension against its marginal (a sum of cell masses).
        var hits = new int[5];
        for (var c = 0; c < count; c++)
        {
            Assert.InRange(samples[2 * c], 0, 1);
            hits[(int)samples[(2 * c) + 1]]++;
        }

        for (var v = 0; v <= 4; v++)
        {
            var expected = 0.0;
            for (var k = 0; k <= 3; k++)
            {
                var mu = k < 3 ? rows[k][1] : 2.0;
                var sigma = k < 3 ? Math.Clamp(0.2 * Math.Pow(3, -1.0 / 6) * 5, 5.0 / 5, 5) : 5;
                var mass = Normal.Cdf((4.5 - mu) / sigma) - Normal.Cdf((-0.5 - mu) / sigma);
                expected += 0.25 * (Normal.Cdf((v + 0.5 - mu) / sigma) - Normal.Cdf((v - 0.5 - mu) / sigma)) / mass;
            }

            Assert.InRange(hits[v] / (double)count, expected - 0.015, expected + 0.015);
        }
    }
}
