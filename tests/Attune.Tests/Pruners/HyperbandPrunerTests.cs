using Attune.Pruners;

namespace Attune.Tests.Pruners;

public class HyperbandPrunerTests
{
    private static HyperbandPruner Hyperband(int max = 9) => new(new() { MinResource = 1, MaxResource = max, ReductionFactor = 3 });

    [Theory]
    [InlineData(1, 52, 3, 4)]
    [InlineData(1, 27, 3, 4)]
    [InlineData(1, 243, 3, 6)] // Optuna's floating-point log gives 4.999… and 5 brackets
    [InlineData(1, 1, 3, 1)]
    [InlineData(2, 100, 4, 3)]
    [InlineData(5, 9, 2, 1)]
    public void Bracket_count_is_the_number_of_rungs_that_fit(int min, int max, int eta, int expected) =>
        Assert.Equal(expected, HyperbandBrackets.BracketCountFor(min, max, eta));

    [Fact]
    public void Allocation_follows_hyperband_and_assignment_is_a_pure_function_of_name_and_number()
    {
        var brackets = new HyperbandBrackets(1, 9, 3, 0);
        Assert.Equal([9L, 5, 3], brackets.Allocations); // ceil(3·9/3), ceil(3·3/2), ceil(3·1/1)
        var counts = new int[3];
        for (var n = 0; n < 17_000; n++)
        {
            counts[brackets.BracketOf("hb-test", n)]++;
        }

        // The CRC spreads trials in proportion to the allocation (9 : 5 : 3 of 17).
        Assert.InRange(counts[0], 8_700, 9_300);
        Assert.InRange(counts[1], 4_750, 5_250);
        Assert.InRange(counts[2], 2_800, 3_200);
        Assert.Equal(brackets.BracketOf("hb-test", 123), new HyperbandBrackets(1, 9, 3, 0).BracketOf("hb-test", 123));
        Assert.Equal(0xCBF43926u, Crc32.Of("123456789"u8)); // the CRC-32 check value
    }

    [Fact]
    public void Each_bracket_is_judged_against_its_own_trials_only()
    {
        var pruner = Hyperband();
        var study = PrunerTestKit.NewStudy(pruner, name: "hb-test");
        var firstOfBracket = new bool[3];
        for (var n = 0; n < 40; n++)
        {
            var bracket = pruner.GetBracket(study, n)!.Value;

            // Bracket 0 holds the worst trials by far; were it compared with the other brackets, even its first trial would be pruned.
            double value = bracket == 0 ? 1000 + n : n;
            var prunedAt = PrunerTestKit.Run(study, PrunerTestKit.Steps(0, 10), _ => value);
            if (!firstOfBracket[bracket])
            {
                firstOfBracket[bracket] = true;
                Assert.Equal(-1, prunedAt);
            }
            else
            {
                // Later trials are worse than their bracket's first, so each stops at its bracket's first rung, 3^bracket.
                Assert.Equal((long)Math.Pow(3, bracket), prunedAt);
            }
        }

        Assert.All(firstOfBracket, Assert.True);
    }

    [Fact]
    public void Rung_attributes_are_relative_to_the_bracket()
    {
        var pruner = Hyperband();
        var study = PrunerTestKit.NewStudy(pruner, name: "hb-test");
        var n = Enumerable.Range(0, 100).First(i => pruner.GetBracket(study, i) == 1);
        for (var i = 0; i <= n; i++)
        {
            PrunerTestKit.Run(study, PrunerTestKit.Steps(0, 10), t => 10 - t);
        }

        var attrs = study.Trials[n].SystemAttrs;
        Assert.Equal(7.0, attrs["completed_rung_0"]); // bracket 1: rung 0 at step 3
        Assert.Equal(1.0, attrs["completed_rung_1"]); // rung 1 at step 9
    }

    [Fact]
    public void Automatic_max_resource_waits_for_the_first_completed_trial()
    {
        var pruner = new HyperbandPruner();
        var study = PrunerTestKit.NewStudy(pruner, name: "hb-auto");
        Assert.Null(pruner.BracketCount);
        Assert.Null(pruner.GetBracket(study, 0));
        var trial = study.Ask();
        for (var t = 0; t < 27; t++)
        {
            trial.Report(1, t);
            Assert.False(trial.ShouldPrune());
        }

        study.Tell(trial, 1.0);
        Assert.NotNull(pruner.GetBracket(study, 1));
        Assert.Equal(4, pruner.BracketCount); // R = 26 + 1 = 27 = 3^3
    }

    [Theory]
    [InlineData(0, 10, 3, 0, "MinResource must be >= 1, but got 0.")]
    [InlineData(5, 4, 3, 0, "MaxResource must be >= MinResource (5) or null (auto), but got 4.")]
    [InlineData(1, 10, 1, 0, "ReductionFactor must be >= 2, but got 1.")]
    [InlineData(1, 10, 3, -1, "BootstrapCount must be >= 0, but got -1.")]
    [InlineData(1, null, 3, 2, "BootstrapCount 2 needs an explicit MaxResource")]
    public void Invalid_options_name_the_value_and_what_is_allowed(int min, int? max, int eta, int bootstrap, string message)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new HyperbandPruner(new() { MinResource = min, MaxResource = max, ReductionFactor = eta, BootstrapCount = bootstrap }));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}

public class HyperbandSamplerTrialsTests
{
    private static Study StudyWith(HyperbandSamplerTrials mode, out HyperbandPruner pruner)
    {
        pruner = new HyperbandPruner(new() { MinResource = 1, MaxResource = 9, ReductionFactor = 3, SamplerTrials = mode });
        return PrunerTestKit.NewStudy(pruner, name: "hb-test");
    }

    /// <summary>Runs trials with two parameters whose curve is level + 1/step, so a trial's rank is the same at every budget.</summary>
    private static void RunTrials(Study study, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var trial = study.Ask();
            var level = trial.SuggestFloat("x", 0, 1);
            trial.SuggestFloat("y", 0, 1);
            var pruned = false;
            for (var step = 0; step <= 9 && !pruned; step++)
            {
                trial.Report(level + (1.0 / (step + 1)), step);
                pruned = trial.ShouldPrune();
            }

            if (pruned)
            {
                study.Tell(trial, TrialState.Pruned);
            }
            else
            {
                study.Tell(trial, level + 0.1);
            }
        }
    }

    [Fact]
    public void All_leaves_the_study_as_it_is()
    {
        var study = StudyWith(HyperbandSamplerTrials.All, out var pruner);
        RunTrials(study, 20);
        Assert.Null(pruner.TrialsForSampler(study, 20));
    }

    [Fact]
    public void Bracket_keeps_the_trials_of_the_sampled_trials_bracket()
    {
        var study = StudyWith(HyperbandSamplerTrials.Bracket, out var pruner);
        RunTrials(study, 40);
        for (var n = 40; n < 45; n++)
        {
            var bracket = pruner.GetBracket(study, n);
            var view = pruner.TrialsForSampler(study, n)!;
            Assert.NotEmpty(view);
            Assert.All(view, t => Assert.Equal(bracket, pruner.GetBracket(study, t.Number)));
            Assert.Equal(study.Trials.Count(t => pruner.GetBracket(study, t.Number) == bracket), view.Count);
            Assert.All(view, t => Assert.Same(study.Trials[t.Number], t));
        }
    }

    [Fact]
    public void Largest_budget_shows_every_trial_that_reached_it_by_its_value_there()
    {
        var study = StudyWith(HyperbandSamplerTrials.LargestBudget, out var pruner);
        RunTrials(study, 12);

        // 2 parameters: a budget needs max(10, 2·3) = 10 observations; step 1 (rungs 1, 3, 9) is where 10 trials arrived first.
        var trials = study.Trials;
        var view = pruner.TrialsForSampler(study, 12)!;
        var expectedBudget = new long[] { 9, 3, 1 }.First(b => trials.Count(t => t.LastStep >= b) >= 10);
        Assert.True(trials.Count(t => t.State == TrialState.Complete) < 10);
        Assert.Equal(trials.Count(t => t.LastStep >= expectedBudget), view.Count);
        Assert.All(view, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(trials[t.Number].IntermediateValues[expectedBudget], t.Value);
        });

        // Once enough trials complete, the complete trials themselves are the view.
        RunTrials(study, 150);
        var complete = study.Trials.Where(t => t.State == TrialState.Complete).ToList();
        Assert.True(complete.Count >= 10);
        Assert.Equal(complete.Select(t => t.Number), pruner.TrialsForSampler(study, 200)!.Select(t => t.Number));
    }

    [Fact]
    public void Before_the_brackets_are_known_samplers_see_all_trials()
    {
        var pruner = new HyperbandPruner(new() { SamplerTrials = HyperbandSamplerTrials.LargestBudget });
        var study = PrunerTestKit.NewStudy(pruner, name: "hb-auto");
        Assert.Null(pruner.TrialsForSampler(study, 0));
        Assert.Null(new NopPruner().TrialsForSampler(study, 0));
    }
}
