using Attune.Numerics;
using Attune.Randomness;
using Attune.Samplers.Tpe;

namespace Attune.Tests.Samplers.Tpe;

/// <summary>The estimator's density against a direct evaluation of the mixture formula, and its samples against its density.</summary>
public class ParzenEstimatorTests
{
    private static readonly EstimatorSettings Defaults = new(1.0, true, false);

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

    /// <summary>
    /// The bandwidth rule written out: sort the observations with the prior's centre (the middle of the
    /// range); each observation takes its farther neighbour's distance (the outermost ones their inner
    /// neighbour's); clip to [range/min(100, n + 2), range].
    /// </summary>
    private static double[] Bandwidths(double[] mu, double low, double high)
    {
        var n = mu.Length;
        var all = mu.Append(0.5 * (low + high)).ToArray();
        var order = Enumerable.Range(0, n + 1).OrderBy(i => all[i]).ThenBy(i => i == n ? 1 : 0).ToArray();
        var sigma = new double[n];
        for (var r = 0; r <= n; r++)
        {
            if (order[r] == n)
            {
                continue;
            }

            var s = r == 0 ? all[order[1]] - all[order[0]]
                : r == n ? all[order[n]] - all[order[n - 1]]
                : Math.Max(all[order[r]] - all[order[r - 1]], all[order[r + 1]] - all[order[r]]);
            sigma[order[r]] = Math.Clamp(s, (high - low) / Math.Min(100, n + 2), high - low);
        }

        return sigma;
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
        double[][] rows = [[0.5, 0.01, 3, 0], [-1.5, 0.2, 7, 2], [2.9, 1e-3, 10, 1], [0.4, 0.5, 4, 0]];
        double[] weights = [0.5, 1.0, 1.0, 0.25];
        var estimator = ParzenEstimator.Build(dims, new ParamColumn?[dims.Length], Make(dims, rows, weights), Defaults);

        double[] point = [0.7, 0.02, 4, 0, -1.9, 0.5, 1, 2];
        var actual = new double[2];
        estimator.LogPdf(point, 2, actual);

        var n = rows.Length;
        var sigma = new double[dims.Length][];
        for (var j = 0; j < 3; j++)
        {
            sigma[j] = Bandwidths(rows.Select(r => dims[j].ToKernel(r[j])).ToArray(), dims[j].KernelLow, dims[j].KernelHigh);
        }

        for (var c = 0; c < 2; c++)
        {
            // Direct: Σ_k w_k Π_j p_kj(x_j).
            var total = weights.Sum() + 1.0;
            var density = 0.0;
            for (var k = 0; k <= n; k++)
            {
                var p = (k < n ? weights[k] : 1.0) / total;
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
                    var s = k < n ? sigma[j][k] : range;
                    var mass = Normal.Cdf((dim.KernelHigh - mu) / s) - Normal.Cdf((dim.KernelLow - mu) / s);
                    if (dim.Kind == KernelKind.Continuous)
                    {
                        p *= Normal.Pdf((dim.ToKernel(x) - mu) / s) / s / mass;
                    }
                    else
                    {
                        var (lo, hi) = dim.Cell(x);
                        p *= (Normal.Cdf((hi - mu) / s) - Normal.Cdf((lo - mu) / s)) / mass;
                    }
                }

                density += p;
            }

            Assert.Equal(Math.Log(density), actual[c], 12);
        }
    }

    [Fact]
    public void One_dimensional_bandwidths_follow_the_neighbour_rule_and_the_windowed_evaluation_is_exact()
    {
        var dims = new[] { KernelDimension.Create("x", new FloatDistribution(0, 10)) };
        double[][] rows = [[1], [2], [6]];
        var estimator = ParzenEstimator.Build(dims, [null], Make(dims, rows, [1, 1, 1]), Defaults);

        // Sorted with the prior's centre: 1, 2, (5), 6. The first takes its right gap 1, 2 takes max(1, 3) = 3,
        // the last its left gap 1 (to the prior's centre); clipped to [10/5, 10]: 2, 3, 2. Prior: centre 5, bandwidth 10.
        double[] sigmas = [2, 3, 2, 10];
        double[] mus = [1, 2, 6, 5];
        var actual = new double[1];
        foreach (var x in new[] { 0.0, 0.3, 4.0, 9.9, 10.0 })
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
    public void The_windowed_one_dimensional_evaluation_matches_the_full_sum_over_many_kernels()
    {
        var dims = new[] { KernelDimension.Create("x", new FloatDistribution(-5, 5)) };
        var rng = new SeededRandom(5);
        var rows = new double[3000][];
        var weights = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            // Clustered data: narrow kernels in the cluster, wide ones outside it.
            rows[i] = [i % 10 == 0 ? rng.NextDouble(-5, 5) : 1 + (0.3 * rng.NextGaussian())];
            rows[i][0] = Math.Clamp(rows[i][0], -5, 5);
            weights[i] = 0.1 + rng.NextDouble();
        }

        var windowed = ParzenEstimator.Build(dims, [null], Make(dims, rows, weights), Defaults);
        var mu = rows.Select(r => r[0]).ToArray();
        var sigma = Bandwidths(mu, -5, 5);
        var total = weights.Sum() + 1;
        var actual = new double[1];
        foreach (var x in new[] { -5.0, -3.3, 0.0, 0.99, 1.0, 1.7, 4.2, 5.0 })
        {
            var terms = new List<double>();
            for (var k = 0; k <= rows.Length; k++)
            {
                var m = k < rows.Length ? mu[k] : 0.0;
                var s = k < rows.Length ? sigma[k] : 10.0;
                var w = (k < rows.Length ? weights[k] : 1.0) / total;
                terms.Add(Math.Log(w) + TruncatedNormal.LogPdf(x, m, s, -5, 5));
            }

            var max = terms.Max();
            var expected = max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
            windowed.LogPdf([x], 1, actual);
            Assert.Equal(expected, actual[0], 11);
        }
    }

    [Fact]
    public void Samples_follow_the_density()
    {
        var dims = new[] { KernelDimension.Create("x", new FloatDistribution(0, 1)), KernelDimension.Create("n", new IntDistribution(0, 4)) };
        double[][] rows = [[0.2, 1], [0.25, 1], [0.8, 3]];
        var estimator = ParzenEstimator.Build(dims, [null, null], Make(dims, rows, [1, 1, 1]), Defaults);
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

        var sigma = Bandwidths([1, 1, 3], -0.5, 4.5);
        for (var v = 0; v <= 4; v++)
        {
            var expected = 0.0;
            for (var k = 0; k <= 3; k++)
            {
                var mu = k < 3 ? rows[k][1] : 2.0;
                var s = k < 3 ? sigma[k] : 5;
                var mass = Normal.Cdf((4.5 - mu) / s) - Normal.Cdf((-0.5 - mu) / s);
                expected += 0.25 * (Normal.Cdf((v + 0.5 - mu) / s) - Normal.Cdf((v - 0.5 - mu) / s)) / mass;
            }

            Assert.InRange(hits[v] / (double)count, expected - 0.015, expected + 0.015);
        }
    }
}
