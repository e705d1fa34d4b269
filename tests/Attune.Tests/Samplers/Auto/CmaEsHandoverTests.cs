using Attune.Samplers;

namespace Attune.Tests.Samplers.Auto;

public class CmaEsHandoverTests
{
    private static readonly FloatDistribution Unit = new(0, 10);

    private static TrialRecord Trial(int number, double value, double x, TrialState state = TrialState.Complete) => new()
    {
        Number = number,
        State = state,
        Values = state == TrialState.Complete ? [value] : null,
        Params = new Dictionary<string, object?> { ["x"] = x },
        InternalParams = new Dictionary<string, double> { ["x"] = x },
        Distributions = new Dictionary<string, Distribution> { ["x"] = Unit },
    };

    [Fact]
    public void Starts_at_the_best_trial_with_the_spread_of_the_best_tenth_around_it()
    {
        // 20 complete trials: the best at x = 5, the next best at 5.1 and 4.9 ... far ones worse.
        var trials = new List<TrialRecord> { Trial(0, 0, 5), Trial(1, 1, 5.1), Trial(2, 2, 9), Trial(3, 100, 0, TrialState.Fail) };
        for (var i = 4; i < 21; i++)
        {
            trials.Add(Trial(i, 10 + i, i % 10));
        }

        var options = CmaEsHandover.Options(trials, StudyDirection.Minimize, seed: 1);
        Assert.Equal(5.0, options.X0!["x"]);

        // Best tenth of 20 = 2 trials: the best and x = 5.1, 0.01 apart in the unit interval.
        Assert.Equal(0.01, options.Sigma0!.Value, 6);
        Assert.Equal(1, options.Seed);

        var maximizing = CmaEsHandover.Options(trials, StudyDirection.Maximize, seed: 1);
        Assert.Equal(trials[^1].Params["x"], maximizing.X0!["x"]);
    }

    [Fact]
    public void Without_complete_trials_it_starts_from_the_defaults()
    {
        var options = CmaEsHandover.Options([Trial(0, 0, 1, TrialState.Fail)], StudyDirection.Minimize, seed: 2);
        Assert.Null(options.X0);
        Assert.Null(options.Sigma0);
    }
}
