using Attune.Randomness;
using Attune.Samplers;
using Attune.Terminators;
using Xunit.Abstractions;

namespace Attune.Tests.Terminators;

public sealed class TerminatorTests(ITestOutputHelper output)
{
    private static Study NewStudy(ulong seed) => Study.Create(new StudyOptions
    {
        Sampler = new TpeSampler(new TpeSamplerOptions { Seed = (int)seed }),
    });

    /// <summary>Five-fold "validation losses" of a model whose true loss is <paramref name="truth"/>: noise of deviation <paramref name="noise"/> per fold.</summary>
    private static double CrossValidate(Trial trial, double truth, double noise, ulong seed)
    {
        var random = SeededRandom.For(seed, (ulong)trial.Number);
        var scores = Enumerable.Range(0, 5).Select(_ => truth + (noise * random.NextGaussian())).ToArray();
        Terminator.ReportCrossValidationScores(trial, scores);
        return scores.Average();
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void StopsAStudyOnAPlateauWhereTheNoiseExceedsWhatIsLeftToGain(ulong seed)
    {
        var study = NewStudy(seed);
        var callback = new TerminatorCallback();
        study.Optimize(
            trial =>
            {
                var x = trial.SuggestFloat("x", 0, 1);
                var y = trial.SuggestFloat("y", 0, 1);
                // A flat basin: every point is within 0.02 of the best, fold noise 0.05.
                var truth = 0.2 + (0.02 * (((x - 0.3) * (x - 0.3)) + ((y - 0.6) * (y - 0.6))));
                return CrossValidate(trial, truth, 0.05, seed);
            },
            new OptimizeOptions { Trials = 100, Callbacks = [callback.Invoke] });

        var count = study.Trials.Count;
        var estimate = callback.Terminator.Evaluate(study)!.Value;
        output.WriteLine($"stopped after {count} trials: regret bound {estimate.RegretBound:G3}, error {estimate.Error:G3}");
        Assert.True(count < 40, $"ran {count} trials");
        Assert.True(count >= 20, $"fired before its 20 trials: {count}");
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void LetsAStudyThatStillImprovesSteeplyRun(ulong seed)
    {
        var study = NewStudy(seed);
        var callback = new TerminatorCallback();
        study.Optimize(
            trial =>
            {
                var x = trial.SuggestFloat("x", -5, 5);
                var y = trial.SuggestFloat("y", -5, 5);
                var truth = (10 * (x - 1.3) * (x - 1.3)) + (10 * (y + 0.7) * (y + 0.7));
                return CrossValidate(trial, truth, 0.01, seed);
            },
            new OptimizeOptions { Trials = 40, Callbacks = [callback.Invoke] });

        var estimate = callback.Terminator.Evaluate(study)!.Value;
        output.WriteLine($"after {study.Trials.Count} trials: regret bound {estimate.RegretBound:G3}, error {estimate.Error:G3}");
        Assert.Equal(40, study.Trials.Count);
    }

    [Fact]
    public void DoesNotFireBeforeItsMinimumNumberOfTrials()
    {
        var study = NewStudy(1);
        var terminator = new Terminator(new TerminatorOptions { ErrorEvaluator = new StaticErrorEvaluator(1e9), MinTrials = 10 });
        study.Optimize(trial => trial.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 9 });
        Assert.False(terminator.ShouldTerminate(study));
        Assert.Null(terminator.Evaluate(study));
        study.Optimize(trial => trial.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 1 });
        Assert.True(terminator.ShouldTerminate(study));
    }

    [Fact]
    public void ScalesTheBestTrialsFoldVarianceForCorrelatedFolds()
    {
        var study = NewStudy(1);
        double[][] folds = [[1.0, 2.0, 3.0, 4.0], [0.5, 0.5, 0.7, 0.3], [5.0, 6.0, 7.0, 8.0]];
        foreach (var scores in folds)
        {
            var trial = study.Ask();
            trial.SuggestFloat("x", 0, 1);
            Terminator.ReportCrossValidationScores(trial, scores);
            study.Tell(trial, scores.Average());
        }

        // Best (lowest mean) is the second: population variance 0.02, k = 4.
        var expected = Math.Sqrt(((1.0 / 4) + (1.0 / 3)) * 0.02);
        Assert.Equal(expected, new CrossValidationErrorEvaluator().Evaluate(study.Trials, StudyDirection.Minimize), 12);
        Assert.Equal([5.0, 6.0, 7.0, 8.0], Terminator.ReadCrossValidationScores(study.Trials[2])!);
        var maximize = Math.Sqrt(((1.0 / 4) + (1.0 / 3)) * 1.25);
        Assert.Equal(maximize, new CrossValidationErrorEvaluator().Evaluate(study.Trials, StudyDirection.Maximize), 12);
    }

    [Fact]
    public void ExplainsMissingScoresAndRejectsBadArguments()
    {
        var study = NewStudy(1);
        study.Optimize(trial => trial.SuggestFloat("x", 0, 1), new OptimizeOptions { Trials = 3 });
        var error = Assert.Throws<InvalidOperationException>(() => new CrossValidationErrorEvaluator().Evaluate(study.Trials, StudyDirection.Minimize));
        Assert.Contains("ReportCrossValidationScores", error.Message, StringComparison.Ordinal);

        var trial = study.Ask();
        Assert.Throws<ArgumentException>(() => Terminator.ReportCrossValidationScores(trial, [1.0]));
        Assert.Throws<ArgumentException>(() => Terminator.ReportCrossValidationScores(trial, [1.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaticErrorEvaluator(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Terminator(new TerminatorOptions { MinTrials = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegretBoundEvaluator(new RegretBoundEvaluatorOptions { TopTrialsRatio = 0 }));
    }
}
