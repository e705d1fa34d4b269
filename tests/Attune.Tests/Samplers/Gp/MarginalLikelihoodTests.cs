using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Tests.Samplers.Gp;

public class MarginalLikelihoodTests
{
    [Theory]
    [InlineData(GpKernelPrior.Optuna)]
    [InlineData(GpKernelPrior.DimensionScaledLogNormal)]
    public void Gradient_matches_central_finite_differences(GpKernelPrior prior)
    {
        // Mixed data: two continuous coordinates and a categorical one with 3 choices.
        const int N = 25;
        var rng = new SeededRandom(21);
        var x = new double[N * 3];
        var y = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i * 3] = rng.NextDouble();
            x[(i * 3) + 1] = rng.NextDouble();
            x[(i * 3) + 2] = rng.NextInt32(3);
            y[i] = Math.Sin(5 * x[i * 3]) + x[(i * 3) + 2] + (0.1 * rng.NextGaussian());
        }

        var likelihood = new MarginalLikelihood(x, N, [false, false, true], y, prior);
        double[] raw = [Math.Log(3), Math.Log(0.4), Math.Log(1.5), Math.Log(0.8), Math.Log(0.02)];
        var gradient = new double[5];
        likelihood.Loss(raw, gradient);
        for (var j = 0; j < 5; j++)
        {
            const double H = 1e-6;
            var up = (double[])raw.Clone();
            var down = (double[])raw.Clone();
            up[j] += H;
            down[j] -= H;
            var numeric = (likelihood.Loss(up, new double[5]) - likelihood.Loss(down, new double[5])) / (2 * H);
            Assert.True(Math.Abs(numeric - gradient[j]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"∂/∂θ{j}: analytic {gradient[j]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Value_with_one_point_matches_the_closed_form()
    {
        // n = 1: −log p(y) = y²/(2(s + σ²)) + ½ log(s + σ²) + ½ log 2π, plus minus the log prior.
        var likelihood = new MarginalLikelihood([0.5], 1, [false], [1.3], GpKernelPrior.Optuna);
        var eta = 2.0;
        var scale = 0.7;
        var noiseExcess = 0.05;
        double[] raw = [Math.Log(eta), Math.Log(scale), Math.Log(noiseExcess)];
        var noise = noiseExcess + likelihood.MinimumNoise;
        var variance = scale + noise;
        var negativeLogLikelihood = (1.3 * 1.3 / (2 * variance)) + (0.5 * Math.Log(variance)) + (0.5 * Math.Log(2 * Math.PI));
        var logPrior = -((0.1 / eta) + (0.1 * eta)) + (Math.Log(scale) - scale) + ((0.1 * Math.Log(noise)) - (30 * noise));
        Assert.Equal(negativeLogLikelihood - logPrior, likelihood.Loss(raw, new double[3]), 12);
    }

    [Fact]
    public void Fit_finds_the_irrelevant_coordinate()
    {
        // y depends on x0 only: the fitted lengthscale of x1 is much longer than that of x0.
        const int N = 40;
        var rng = new SeededRandom(4);
        var x = new double[N * 2];
        var y = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i * 2] = rng.NextDouble();
            x[(i * 2) + 1] = rng.NextDouble();
            y[i] = Math.Sin(8 * x[i * 2]);
        }

        var standardized = GpTrainingData.Standardize(y, out _, out _);
        var fitted = GpFitter.Fit(x, N, [false, false], standardized, GpKernelPrior.Optuna, deterministic: false, warmStart: null);
        var lengthscales = fitted.Lengthscales();
        Assert.True(lengthscales[1] > 4 * lengthscales[0], $"lengthscales {lengthscales[0]}, {lengthscales[1]}");
        Assert.True(fitted.NoiseVariance < 0.05, $"noise {fitted.NoiseVariance}");

        // A warm start from the answer ends at (nearly) the same place, and a deterministic fit holds the noise at its minimum.
        var warm = GpFitter.Fit(x, N, [false, false], standardized, GpKernelPrior.Optuna, deterministic: false, warmStart: fitted);
        Assert.Equal(Math.Log(lengthscales[0]), Math.Log(warm.Lengthscales()[0]), 1);
        var deterministic = GpFitter.Fit(x, N, [false, false], standardized, GpKernelPrior.Optuna, deterministic: true, warmStart: null);
        Assert.True(deterministic.NoiseVariance < 2e-6, $"noise {deterministic.NoiseVariance}");
    }
}
