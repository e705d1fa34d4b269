using Attune.MultiObjective;
using Attune.Numerics;
using Attune.Randomness;
using Attune.Samplers;

namespace Attune.Tests.Samplers.Gp;

public class AcquisitionTests
{
    private static readonly bool[] Mixed = [false, false, true];

    private static GaussianProcess Model(ulong seed, Func<double[], double> f, int n = 20)
    {
        var rng = new SeededRandom(seed);
        var x = new double[n * 3];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            double[] p = [rng.NextDouble(), rng.NextDouble(), rng.NextInt32(3)];
            p.CopyTo(x, i * 3);
            y[i] = f(p);
        }

        return GaussianProcess.Create(x, n, Mixed, GpTrainingData.Standardize(y, out _, out _), new KernelParameters([4, 2, 0.5], 1.2, 1e-3));
    }

    private static void AssertGradient(IAcquisitionFunction function, double[] point)
    {
        var gradient = new double[3];
        var value = function.EvaluateWithGradient(point, gradient);
        Assert.Equal(function.Evaluate(point), value, 10);
        var batch = new double[1];
        function.EvaluateBatch(point, 1, batch);
        Assert.Equal(value, batch[0], 9);
        for (var j = 0; j < 2; j++)
        {
            const double H = 1e-6;
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[j] += H;
            down[j] -= H;
            var numeric = (function.Evaluate(up) - function.Evaluate(down)) / (2 * H);
            Assert.True(Math.Abs(numeric - gradient[j]) <= 1e-4 * Math.Max(1, Math.Abs(numeric)), $"coordinate {j}: analytic {gradient[j]}, numeric {numeric}");
        }

        Assert.Equal(0, gradient[2]);
    }

    public static TheoryData<string> Functions => ["logei", "ucb", "logpi", "constrained", "ehvi"];

    [Theory]
    [MemberData(nameof(Functions))]
    public void Gradients_match_finite_differences(string name)
    {
        var model = Model(1, p => Math.Sin(5 * p[0]) + p[1] + p[2]);
        var other = Model(2, p => (p[0] * p[0]) - p[1]);
        IAcquisitionFunction function = name switch
        {
            "logei" => new LogExpectedImprovementAcquisition(model, model.Targets.Max()),
            "ucb" => new UpperConfidenceBoundAcquisition(model, 2.5),
            "logpi" => new LogProbabilityOfImprovementAcquisition(model, model.Targets.Max()),
            "constrained" => new SumAcquisition(
                [new LogExpectedImprovementAcquisition(model, model.Targets.Max()), new LogProbabilityOfImprovementAcquisition(other, 0.3)], 3),
            _ => new LogExpectedHypervolumeImprovementAcquisition(
                [model, other],
                NondominatedBoxes.Decompose(Pairs(model, other), model.Count, [-3, -3])),
        };

        foreach (var point in new[] { new[] { 0.2, 0.7, 1.0 }, [0.9, 0.1, 0], [0.55, 0.45, 2] })
        {
            AssertGradient(function, point);
        }
    }

    [Fact]
    public void Log_ei_equals_the_closed_form_on_the_posterior()
    {
        var model = Model(3, p => p[0] - p[1]);
        var best = model.Targets.Max();
        var function = new LogExpectedImprovementAcquisition(model, best);
        double[] point = [0.3, 0.3, 1];
        var mean = model.Posterior(point, out var variance, new double[20]);
        Assert.Equal(ExpectedImprovement.LogEI(mean, variance + 1e-12, best), function.Evaluate(point), 12);

        // Far from anything promising LogEI stays finite (plain EI would be 0).
        var hopeless = new LogExpectedImprovementAcquisition(model, best + 60);
        Assert.True(double.IsFinite(hopeless.Evaluate(point)));
        Assert.True(hopeless.Evaluate(point) < -100);
    }

    [Fact]
    public void Log_ehvi_matches_monte_carlo()
    {
        var model = Model(4, p => Math.Cos(3 * p[0]) + p[2]);
        var other = Model(5, p => Math.Sin(3 * p[1]) - p[0]);
        var pairs = Pairs(model, other);
        double[] reference = [-3, -3];
        var boxes = NondominatedBoxes.Decompose(pairs, model.Count, reference);
        var function = new LogExpectedHypervolumeImprovementAcquisition([model, other], boxes);
        double[] point = [0.4, 0.8, 2];
        var m0 = model.Posterior(point, out var v0, new double[20]);
        var m1 = other.Posterior(point, out var v1, new double[20]);
        var front = new List<double[]>();
        for (var i = 0; i < model.Count; i++)
        {
            front.Add([-pairs[2 * i], -pairs[(2 * i) + 1]]);
        }

        var negatedReference = new[] { 3.0, 3.0 };
        var before = Hypervolume.Compute(front, negatedReference);
        var rng = new SeededRandom(6);
        var sum = 0.0;
        var sumOfSquares = 0.0;
        const int Samples = 40000;
        for (var s = 0; s < Samples; s++)
        {
            double[] y = [m0 + (Math.Sqrt(v0) * rng.NextGaussian()), m1 + (Math.Sqrt(v1) * rng.NextGaussian())];
            front.Add([-y[0], -y[1]]);
            var improvement = Hypervolume.Compute(front, negatedReference) - before;
            sum += improvement;
            sumOfSquares += improvement * improvement;
            front.RemoveAt(front.Count - 1);
        }

        var monteCarlo = sum / Samples;
        var standardError = Math.Sqrt(((sumOfSquares / Samples) - (monteCarlo * monteCarlo)) / Samples);
        var exact = Math.Exp(function.Evaluate(point));
        Assert.True(exact > 0.01, $"exact {exact}");
        Assert.True(Math.Abs(exact - monteCarlo) <= 4 * standardError, $"exact {exact}, Monte Carlo {monteCarlo} ± {standardError}");
    }

    [Fact]
    public void Knowledge_gradient_matches_monte_carlo_and_is_positive()
    {
        var model = Model(7, p => Math.Sin(4 * p[0]) + p[1]);
        var rng = new SeededRandom(8);
        var extra = new double[16 * 3];
        for (var i = 0; i < 16; i++)
        {
            extra[i * 3] = rng.NextDouble();
            extra[(i * 3) + 1] = rng.NextDouble();
            extra[(i * 3) + 2] = rng.NextInt32(3);
        }

        var function = new KnowledgeGradientAcquisition(model, Mixed, extra, 16);
        double[] point = [0.35, 0.6, 1];

        // Monte Carlo: sample y at x, condition the GP on it and take the new max of the mean over A ∪ {x}.
        var all = new List<double[]>();
        for (var i = 0; i < model.Count; i++)
        {
            all.Add(model.Point(i).ToArray());
        }

        for (var i = 0; i < 16; i++)
        {
            all.Add(extra.AsSpan(i * 3, 3).ToArray());
        }

        all.Add(point);
        var scratch = new double[model.Count + 1];
        var currentMax = all.Max(a => model.Mean(a, scratch));
        var mean = model.Posterior(point, out var variance, scratch);
        var noisyVariance = variance + model.Parameters.NoiseVariance;
        var sum = 0.0;
        const int Samples = 3000;
        var x = new double[(model.Count + 1) * 3];
        for (var i = 0; i < model.Count; i++)
        {
            model.Point(i).CopyTo(x.AsSpan(i * 3, 3));
        }

        point.CopyTo(x, model.Count * 3);
        for (var s = 0; s < Samples; s++)
        {
            var y = mean + (Math.Sqrt(noisyVariance) * rng.NextGaussian());
            var targets = model.Targets.Append(y).ToArray();
            var conditioned = GaussianProcess.Create(x, model.Count + 1, Mixed, targets, model.Parameters);
            sum += all.Max(a => conditioned.Mean(a, new double[model.Count + 1])) - currentMax;
        }

        var monteCarlo = sum / Samples;
        var exact = Math.Exp(function.Evaluate(point));
        Assert.True(exact > 0);
        Assert.True(Math.Abs(exact - monteCarlo) <= 0.1 * exact, $"exact {exact}, Monte Carlo {monteCarlo}");
    }

    private static double[] Pairs(GaussianProcess a, GaussianProcess b)
    {
        var pairs = new double[a.Count * 2];
        for (var i = 0; i < a.Count; i++)
        {
            pairs[2 * i] = a.Targets[i];
            pairs[(2 * i) + 1] = b.Targets[i];
        }

        return pairs;
    }
}
