using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Tests.Samplers.Gp;

public class GaussianProcessTests
{
    private static readonly bool[] TwoContinuous = [false, false];

    private static KernelParameters Parameters(double eta0, double eta1, double scale, double noise) => new([eta0, eta1], scale, noise);

    internal static (double[] X, double[] Y) RandomData(int n, int d, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var x = new double[n * d];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                x[(i * d) + j] = rng.NextDouble();
            }

            y[i] = Math.Sin(6 * x[i * d]) + (d > 1 ? x[(i * d) + 1] * x[(i * d) + 1] : 0) + (0.1 * rng.NextGaussian());
        }

        return (x, y);
    }

    [Fact]
    public void Matern52_matches_its_closed_form()
    {
        foreach (var r in new[] { 0.0, 0.1, 0.5, 1, 2.5 })
        {
            var s = Math.Sqrt(5) * r;
            Assert.Equal((1 + s + (5 * r * r / 3)) * Math.Exp(-s), Matern52.Value(r * r), 14);
            const double H = 1e-7;
            var r2 = (r * r) + H;
            Assert.Equal((Matern52.Value(r2 + H) - Matern52.Value(r2 - H)) / (2 * H), Matern52.Derivative(r2), 6);
        }

        Assert.Equal(-5.0 / 6.0, Matern52.Derivative(0), 15);
    }

    [Fact]
    public void Posterior_with_one_point_matches_the_closed_form()
    {
        // With one observation (x₀, y₀): μ(x) = k(x, x₀)·y₀/(s + σ²), σ²(x) = s − k(x, x₀)²/(s + σ²).
        var p = Parameters(4, 0.25, 1.7, 0.05);
        double[] x0 = [0.3, 0.6];
        var model = GaussianProcess.Create(x0, 1, TwoContinuous, [1.2], p);
        double[] x = [0.5, 0.1];
        var r2 = (4 * 0.2 * 0.2) + (0.25 * 0.5 * 0.5);
        var k = 1.7 * Matern52.Value(r2);
        var mean = model.Posterior(x, out var variance, new double[1]);
        Assert.Equal(k * 1.2 / (1.7 + 0.05), mean, 13);
        Assert.Equal(1.7 - (k * k / (1.7 + 0.05)), variance, 13);

        // At the training point itself the variance is s·σ²/(s + σ²).
        model.Posterior(x0, out var atPoint, new double[1]);
        Assert.Equal(1.7 * 0.05 / 1.75, atPoint, 13);
    }

    [Fact]
    public void Posterior_with_two_points_matches_the_closed_form()
    {
        var p = Parameters(2, 3, 0.9, 0.01);
        double[] xs = [0.1, 0.2, 0.7, 0.4];
        double[] ys = [-0.5, 2.0];
        var model = GaussianProcess.Create(xs, 2, TwoContinuous, ys, p);
        double[] x = [0.4, 0.9];
        double K(double[] a, double[] b) => GaussianProcess.Covariance(a, b, TwoContinuous, p);
        double[] a0 = [0.1, 0.2];
        double[] a1 = [0.7, 0.4];
        var k11 = 0.9 + 0.01;
        var k12 = K(a0, a1);
        var det = (k11 * k11) - (k12 * k12);

        // K⁻¹ = [[k11, −k12], [−k12, k11]]/det.
        var kx0 = K(x, a0);
        var kx1 = K(x, a1);
        var alpha0 = ((k11 * ys[0]) - (k12 * ys[1])) / det;
        var alpha1 = ((k11 * ys[1]) - (k12 * ys[0])) / det;
        var expectedMean = (kx0 * alpha0) + (kx1 * alpha1);
        var quadratic = ((k11 * ((kx0 * kx0) + (kx1 * kx1))) - (2 * k12 * kx0 * kx1)) / det;
        var mean = model.Posterior(x, out var variance, new double[2]);
        Assert.Equal(expectedMean, mean, 12);
        Assert.Equal(0.9 - quadratic, variance, 12);
    }

    [Fact]
    public void Categorical_coordinates_compare_by_equality()
    {
        bool[] categorical = [false, true];
        var p = Parameters(1, 2, 1, 0.1);
        double[] a = [0.5, 0];
        double[] b = [0.5, 2];
        double[] c = [0.5, 1];
        Assert.Equal(Matern52.Value(2), GaussianProcess.Covariance(a, b, categorical, p), 14);
        Assert.Equal(GaussianProcess.Covariance(a, b, categorical, p), GaussianProcess.Covariance(a, c, categorical, p), 14);
        Assert.Equal(1, GaussianProcess.Covariance(a, a, categorical, p), 14);
    }

    [Fact]
    public void Posterior_gradients_match_finite_differences()
    {
        var (x, y) = RandomData(30, 3, 7);
        bool[] categorical = [false, false, false];
        var model = GaussianProcess.Create(x, 30, categorical, y, new KernelParameters([5, 0.7, 12], 1.3, 1e-3));
        double[] point = [0.31, 0.77, 0.52];
        var dMean = new double[3];
        var dVariance = new double[3];
        var scratch = new double[90];
        model.PosteriorWithGradient(point, out var variance, dMean, dVariance, scratch);
        var mean = model.Posterior(point, out var v2, scratch);
        Assert.Equal(v2, variance, 12);
        for (var j = 0; j < 3; j++)
        {
            const double H = 1e-6;
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[j] += H;
            down[j] -= H;
            var mu = model.Posterior(up, out var vu, scratch);
            var md = model.Posterior(down, out var vd, scratch);
            Assert.Equal((mu - md) / (2 * H), dMean[j], 6);
            Assert.Equal((vu - vd) / (2 * H), dVariance[j], 6);
        }

        Assert.True(double.IsFinite(mean));
    }

    [Fact]
    public void Batch_posterior_equals_one_point_at_a_time()
    {
        var (x, y) = RandomData(50, 2, 3);
        var model = GaussianProcess.Create(x, 50, TwoContinuous, y, Parameters(3, 8, 1, 1e-4));
        var (points, _) = RandomData(77, 2, 4);
        var means = new double[77];
        var variances = new double[77];
        model.PosteriorBatch(points, 77, means, variances);
        for (var i = 0; i < 77; i++)
        {
            var mean = model.Posterior(points.AsSpan(i * 2, 2), out var variance, new double[50]);
            Assert.Equal(mean, means[i], 12);
            Assert.Equal(variance, variances[i], 12);
        }
    }

    [Fact]
    public void Extending_the_model_equals_fitting_it_afresh()
    {
        var (x, y) = RandomData(60, 2, 11);
        var p = Parameters(6, 2, 1.1, 1e-3);
        var small = GaussianProcess.Create(x, 20, TwoContinuous, y[..20], p);
        var middle = small.Extend(x.AsSpan(40, 40), 20, y[..40], fork: false)!;
        var grown = middle.Extend(x.AsSpan(80), 20, y, fork: false)!;
        var fresh = GaussianProcess.Create(x, 60, TwoContinuous, y, p);
        Assert.Equal(60, grown.Count);
        var (points, _) = RandomData(25, 2, 12);
        for (var i = 0; i < 25; i++)
        {
            var point = points.AsSpan(i * 2, 2);
            Assert.Equal(fresh.Posterior(point, out var vf, new double[60]), grown.Posterior(point, out var vg, new double[60]), 9);
            Assert.Equal(vf, vg, 9);
        }

        // The models it grew from are unchanged, and a fork leaves the original's buffer alone.
        var again = GaussianProcess.Create(x, 40, TwoContinuous, y[..40], p);
        var fork = middle.Extend(x.AsSpan(80, 2), 1, y[..41], fork: true)!;
        Assert.Equal(41, fork.Count);
        for (var i = 0; i < 25; i++)
        {
            var point = points.AsSpan(i * 2, 2);
            Assert.Equal(again.Posterior(point, out var va, new double[60]), middle.Posterior(point, out var vm, new double[60]), 9);
            Assert.Equal(va, vm, 9);
        }
    }

    [Fact]
    public void New_targets_reuse_the_factor()
    {
        var (x, y) = RandomData(30, 2, 5);
        var p = Parameters(2, 2, 1, 0.01);
        var model = GaussianProcess.Create(x, 30, TwoContinuous, y, p);
        var shifted = y.Select(v => (2 * v) + 1).ToArray();
        var retargeted = model.WithTargets(shifted);
        var fresh = GaussianProcess.Create(x, 30, TwoContinuous, shifted, p);
        double[] point = [0.4, 0.6];
        Assert.Equal(fresh.Posterior(point, out _, new double[30]), retargeted.Posterior(point, out _, new double[30]), 10);
    }
}
