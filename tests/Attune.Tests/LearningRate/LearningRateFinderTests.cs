using Attune.LearningRate;
using Attune.Randomness;
using Xunit.Abstractions;

namespace Attune.Tests.LearningRate;

public sealed class LearningRateFinderTests(ITestOutputHelper output)
{
    /// <summary>
    /// SGD on a noisy quadratic 0.5·h·w² with curvature h = 85: under the default schedule the loss falls fastest
    /// when the learning rate is a few times 1e-3; the best constant rate is 1/h ≈ 0.012, and SGD diverges once the
    /// rate passes 2/h ≈ 0.024.
    /// </summary>
    private static Func<double, int, double> NoisyQuadratic(ulong seed)
    {
        const double curvature = 85.0;
        var random = new SeededRandom(seed);
        var w = 1.0;
        return (rate, _) =>
        {
            var loss = (0.5 * curvature * w * w * (1.0 + (0.05 * random.NextGaussian()))) + 0.01;
            w -= rate * ((curvature * w) + (0.01 * random.NextGaussian()));
            return loss;
        };
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void SuggestionsLandInTheRightDecade(ulong seed)
    {
        var result = new LearningRateFinder().Run(NoisyQuadratic(seed));
        output.WriteLine($"steps {result.Losses.Count}, stop {result.StopReason}, steepest {result.SteepestLearningRate:G3}, valley {result.ValleyLearningRate:G3}, lowest {result.MinimumLossLearningRate:G3}");

        Assert.Equal(LearningRateStopReason.Diverged, result.StopReason);
        Assert.InRange(Math.Log10(result.SteepestLearningRate!.Value), -3.5, -2.0);

        // Within half a decade of the best rate 1/h, and below divergence at 2/h.
        Assert.InRange(Math.Log10(result.SuggestedLearningRate), Math.Log10(1 / 85.0) - 0.5, Math.Log10(1 / 85.0) + 0.5);
        Assert.True(result.SuggestedLearningRate < 2 / 85.0, $"suggestion {result.SuggestedLearningRate} diverges");
        var (low, high) = result.SuggestRange();
        Assert.Equal(result.SuggestedLearningRate / 10, low, 12);
        Assert.True(high > result.SuggestedLearningRate && high < 0.2, $"high {high}");
    }

    [Fact]
    public void StopsEarlyWhenTheLossDiverges()
    {
        var steps = 0;
        var result = new LearningRateFinder().Run((rate, _) =>
        {
            steps++;
            return rate < 1e-2 ? 1.0 : 1.0 + (1e4 * rate);
        });

        Assert.Equal(LearningRateStopReason.Diverged, result.StopReason);
        Assert.True(steps < 100, $"ran {steps} steps");
        Assert.Equal(steps, result.Losses.Count);
        Assert.True(result.LearningRates[^1] < 0.1, $"last rate {result.LearningRates[^1]}");
    }

    [Fact]
    public void StopsAtTheFirstNonFiniteLoss()
    {
        var result = new LearningRateFinder().Run((rate, step) => step == 30 ? double.NaN : 1.0 / (1 + step));
        Assert.Equal(LearningRateStopReason.NonFiniteLoss, result.StopReason);
        Assert.Equal(31, result.Losses.Count);
        Assert.NotNull(result.ValleyLearningRate);
        Assert.True(result.ValleyLearningRate < result.LearningRates[30]);
    }

    [Fact]
    public void RunsEveryStepOfAGeometricSchedule()
    {
        var finder = new LearningRateFinder(new LearningRateFinderOptions { MinLearningRate = 1e-4, MaxLearningRate = 1, Steps = 5 });
        var result = finder.Run((rate, step) => 1.0);
        Assert.Equal(LearningRateStopReason.Completed, result.StopReason);
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1.0], result.LearningRates.Select(r => Math.Round(r, 12)));
        Assert.All(result.SmoothedLosses, s => Assert.Equal(1.0, s, 12));
    }

    [Fact]
    public async Task RunAsyncMatchesRunAndHonoursCancellation()
    {
        var sync = new LearningRateFinder().Run(NoisyQuadratic(7));
        var step = NoisyQuadratic(7);
        var async = await new LearningRateFinder().RunAsync((rate, i, ct) => Task.FromResult(step(rate, i)));
        Assert.Equal(sync.Losses, async.Losses);
        Assert.Equal(sync.ValleyLearningRate, async.ValleyLearningRate);

        using var cancellation = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LearningRateFinder().RunAsync(
            (rate, i, ct) =>
            {
                if (i == 3)
                {
                    cancellation.Cancel();
                }

                return Task.FromResult(1.0);
            },
            cancellation.Token));
    }

    [Fact]
    public void RejectsInvalidOptions()
    {
        Assert.Equal("MaxLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateFinder(new() { MinLearningRate = 1, MaxLearningRate = 1 })).ParamName);
        Assert.Equal("MinLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateFinder(new() { MinLearningRate = 0 })).ParamName);
        Assert.Equal("MinLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateFinder(new() { MinLearningRate = -1 })).ParamName);
        Assert.Equal("Steps", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateFinder(new() { Steps = 1 })).ParamName);
        Assert.Equal("Smoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateFinder(new() { Smoothing = 1 })).ParamName);
        Assert.Equal("DivergenceFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateFinder(new() { DivergenceFactor = 1 })).ParamName);
        Assert.Equal("ValleyPosition", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateFinder(new() { ValleyPosition = 2 })).ParamName);
        Assert.Throws<ArgumentNullException>(() => new LearningRateFinder().Run(null!));
    }

    [Fact]
    public void ExplainsWhenTheSweepEndsTooEarlyToSuggest()
    {
        var result = new LearningRateFinder().Run((rate, step) => double.NaN);
        Assert.Null(result.ValleyLearningRate);
        var error = Assert.Throws<InvalidOperationException>(() => result.SuggestedLearningRate);
        Assert.Contains("NonFiniteLoss", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestsARateThatTrainsSoftmaxRegressionOnDigitsBetterThanOneHundredTimesSmallerOrLarger()
    {
        var data = DigitsSet.Default;
        var probe = new SoftmaxRegression(data, seed: 1);
        // Pixels lie in [0, 1] and the model is linear, so useful rates are large: sweep 1e-4 to 1e3.
        var finder = new LearningRateFinder(new LearningRateFinderOptions { MinLearningRate = 1e-4, MaxLearningRate = 1e3 });
        var result = finder.Run((rate, _) => probe.TrainStep(rate));
        var suggested = result.SuggestedLearningRate;
        var (low, high) = result.SuggestRange();
        output.WriteLine($"steps {result.Losses.Count}, stop {result.StopReason}, steepest {result.SteepestLearningRate:G3}, valley {suggested:G3}, range [{low:G3}, {high:G3}]");

        double TestLossAfterTraining(double rate)
        {
            var model = new SoftmaxRegression(data, seed: 2);
            for (var i = 0; i < 2 * model.StepsPerEpoch; i++)
            {
                model.TrainStep(rate);
            }

            return model.TestLoss();
        }

        var atSuggestion = TestLossAfterTraining(suggested);
        var smaller = TestLossAfterTraining(suggested / 100);
        var larger = TestLossAfterTraining(suggested * 100);
        output.WriteLine($"test loss after 2 epochs: {atSuggestion:F4} at the suggestion, {smaller:F4} at 1/100, {larger:F4} at 100x");
        Assert.True(atSuggestion < smaller, $"suggestion {atSuggestion} vs 100x smaller {smaller}");
        Assert.True(atSuggestion < larger, $"suggestion {atSuggestion} vs 100x larger {larger}");
        Assert.True(atSuggestion < 0.5, $"test loss {atSuggestion}");
    }

    [Fact]
    public void SuggestsARateThatTrainsThePerceptronOfTheDigitsSampleBetterThanOneHundredTimesSmallerOrLarger()
    {
        var data = PbtDigits.Digits.Load(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz"), seed: 7);
        const int Batch = 32;
        const double Momentum = 0.9;
        var probe = new PbtDigits.Mlp(hidden: 32, seed: 1);
        var finder = new LearningRateFinder(new LearningRateFinderOptions { MinLearningRate = 1e-5, MaxLearningRate = 10 });
        var result = finder.Run((rate, _) => probe.Train(data.Train, 1, Batch, new PbtDigits.SgdSettings(rate, Momentum, 0), dataSeed: 3));
        var suggested = result.SuggestedLearningRate;
        output.WriteLine($"steps {result.Losses.Count}, stop {result.StopReason}, steepest {result.SteepestLearningRate:G3}, valley {suggested:G3}");

        double ValidationAccuracy(double rate)
        {
            var model = new PbtDigits.Mlp(hidden: 32, seed: 2);
            model.Train(data.Train, 300, Batch, new PbtDigits.SgdSettings(rate, Momentum, 0), dataSeed: 4);
            return model.Accuracy(data.Validation);
        }

        var atSuggestion = ValidationAccuracy(suggested);
        var smaller = ValidationAccuracy(suggested / 100);
        var larger = ValidationAccuracy(suggested * 100);
        output.WriteLine($"validation accuracy after 300 steps: {atSuggestion:P1} at the suggestion, {smaller:P1} at 1/100, {larger:P1} at 100x");
        Assert.True(atSuggestion > smaller + 0.05, $"suggestion {atSuggestion} vs 100x smaller {smaller}");
        Assert.True(atSuggestion > larger + 0.05, $"suggestion {atSuggestion} vs 100x larger {larger}");
        Assert.True(atSuggestion > 0.9, $"validation accuracy {atSuggestion}");
    }
}
