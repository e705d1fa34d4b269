using Attune.Pruners;

namespace Attune.Tests.Pruners;

public class SuccessiveHalvingPrunerTests
{
    private static SuccessiveHalvingPruner Sha(int? minResource = 1, int eta = 3, int rate = 0, int bootstrap = 0) =>
        new(new() { MinResource = minResource, ReductionFactor = eta, MinEarlyStoppingRate = rate, BootstrapCount = bootstrap });

    [Fact]
    public void Rungs_sit_at_min_resource_times_powers_of_eta()
    {
        Assert.Equal(2, SuccessiveHalvingRule.RungStep(2, 3, 0, 0));
        Assert.Equal(6, SuccessiveHalvingRule.RungStep(2, 3, 0, 1));
        Assert.Equal(54, SuccessiveHalvingRule.RungStep(2, 3, 1, 2));
        Assert.Equal(long.MaxValue, SuccessiveHalvingRule.RungStep(1, 10, 0, 40));
    }

    [Fact]
    public void A_trial_records_its_value_at_each_rung_it_reaches()
    {
        var study = PrunerTestKit.NewStudy(Sha());
        Assert.Equal(-1, PrunerTestKit.Run(study, PrunerTestKit.Steps(0, 10), t => 10 - t));
        var attrs = study.Trials[0].SystemAttrs;
        Assert.Equal(9.0, attrs["completed_rung_0"]); // rung 0 at step 1
        Assert.Equal(7.0, attrs["completed_rung_1"]); // rung 1 at step 3
        Assert.Equal(1.0, attrs["completed_rung_2"]); // rung 2 at step 9
        Assert.False(attrs.ContainsKey("completed_rung_3"));
    }

    [Fact]
    public void Nothing_is_decided_before_the_first_rung()
    {
        var study = PrunerTestKit.NewStudy(Sha(minResource: 4));
        PrunerTestKit.Run(study, PrunerTestKit.Steps(0, 10), _ => 0);
        var trial = study.Ask();
        for (var t = 0; t < 4; t++)
        {
            trial.Report(100, t);
            Assert.False(trial.ShouldPrune());
        }

        trial.Report(100, 4);
        Assert.True(trial.ShouldPrune());
    }

    [Fact]
    public void The_first_trials_at_a_rung_pass_only_as_the_best_so_far()
    {
        // eta = 3: with fewer than 3 values at a rung there is no top third, so only the best passes.
        var study = PrunerTestKit.NewStudy(Sha());
        Assert.Equal(-1, PrunerTestKit.Run(study, 5, 5));
        Assert.Equal(1, PrunerTestKit.Run(study, 6, 6));
        Assert.Equal(-1, PrunerTestKit.Run(study, 4, 4));
    }

    [Fact]
    public void A_trial_is_promoted_when_in_the_top_third_of_the_rung()
    {
        var study = PrunerTestKit.NewStudy(Sha());
        foreach (var v in new[] { 1.0, 2, 3, 4, 5 })
        {
            PrunerTestKit.Run(study, v, v); // rung 0 (step 1) now holds 1 … 5 (some pruned, all recorded)
        }

        // 6 values: the best 6 / 3 = 2 pass, so 2.5 (behind 1 and 2) does not, and 1.5 (behind 1) does.
        Assert.Equal(1, PrunerTestKit.Run(study, 2.5, 2.5));
        Assert.Equal(-1, PrunerTestKit.Run(study, 1.5, 1.5));

        // 8 values (pruned trials count too): 2 pass, and 1.2 is behind 1 only.
        Assert.Equal(-1, PrunerTestKit.Run(study, 1.2, 1.2));

        // 9 values: 3 pass; 1.6 is behind 1, 1.2 and 1.5.
        Assert.Equal(1, PrunerTestKit.Run(study, 1.6, 1.6));

        // A tie with the boundary passes: 10 values, 3 pass, and 1.5 ties the third best.
        Assert.Equal(-1, PrunerTestKit.Run(study, 1.5, 1.5));
    }

    [Fact]
    public void A_rung_counts_running_and_pruned_trials_too()
    {
        var study = PrunerTestKit.NewStudy(Sha());
        var running = study.Ask();
        running.Report(0.1, 0);
        running.Report(0.1, 1); // rung 0, still running
        Assert.False(running.ShouldPrune());
        Assert.Equal(1, PrunerTestKit.Run(study, 0.5, 0.5)); // 2 values: only the best passes, and that is the running trial
    }

    [Fact]
    public void A_trial_that_jumps_over_rungs_is_judged_at_each_of_them()
    {
        var study = PrunerTestKit.NewStudy(Sha());
        PrunerTestKit.Run(study, PrunerTestKit.Steps(0, 10), _ => 1);
        var trial = study.Ask();
        trial.Report(0.5, 0);
        trial.Report(0.5, 9); // past rungs 1, 3 and 9 at once
        Assert.False(trial.ShouldPrune());
        var attrs = trial.ToRecord().SystemAttrs;
        Assert.Equal(0.5, attrs["completed_rung_0"]);
        Assert.Equal(0.5, attrs["completed_rung_1"]);
        Assert.Equal(0.5, attrs["completed_rung_2"]);
    }

    [Fact]
    public void NaN_at_a_rung_prunes()
    {
        var study = PrunerTestKit.NewStudy(Sha());
        var trial = study.Ask();
        trial.Report(double.NaN, 0);
        Assert.False(trial.ShouldPrune()); // before the first rung
        trial.Report(double.NaN, 1);
        Assert.True(trial.ShouldPrune());
    }

    [Fact]
    public void Automatic_min_resource_waits_for_a_completed_trial_and_uses_its_steps()
    {
        var study = PrunerTestKit.NewStudy(new SuccessiveHalvingPruner());
        var first = study.Ask();
        for (var t = 0; t < 450; t++)
        {
            first.Report(1, t);
            Assert.False(first.ShouldPrune());
        }

        study.Tell(first, 1.0);

        // max(449 / 100, 1) = 4: rungs at 4, 16, 64 with eta = 4. The first trial ran before that and holds no rung.
        Assert.False(study.Trials[0].SystemAttrs.ContainsKey("completed_rung_0"));
        Assert.Equal(-1, PrunerTestKit.Run(study, 1, 1, 1, 1, 1, 1));
        var trial = study.Ask();
        trial.Report(2, 3);
        Assert.False(trial.ShouldPrune());
        trial.Report(2, 4);
        Assert.True(trial.ShouldPrune());
        Assert.True(trial.ToRecord().SystemAttrs.ContainsKey("completed_rung_0"));
    }

    [Fact]
    public void Bootstrap_count_prunes_until_enough_trials_reached_the_rung()
    {
        var study = PrunerTestKit.NewStudy(Sha(bootstrap: 3));
        // A rung needs more than BootstrapCount values (this trial's included) before any passes.
        Assert.Equal(1, PrunerTestKit.Run(study, 1, 1));
        Assert.Equal(1, PrunerTestKit.Run(study, 0.5, 0.5));
        Assert.Equal(1, PrunerTestKit.Run(study, 0.2, 0.2));
        Assert.Equal(-1, PrunerTestKit.Run(study, 0.1, 0.1)); // the fourth value at the rung, and the best
    }

    [Fact]
    public void Min_early_stopping_rate_moves_the_first_rung()
    {
        var study = PrunerTestKit.NewStudy(Sha(minResource: 2, eta: 2, rate: 2)); // rungs at 8, 16, …
        PrunerTestKit.Run(study, PrunerTestKit.Steps(0, 9), _ => 0);
        var trial = study.Ask();
        for (var t = 0; t < 8; t++)
        {
            trial.Report(5, t);
            Assert.False(trial.ShouldPrune());
        }

        trial.Report(5, 8);
        Assert.True(trial.ShouldPrune());
    }

    [Theory]
    [InlineData(0, 4, 0, 0, "MinResource must be >= 1 or null (auto), but got 0.")]
    [InlineData(1, 1, 0, 0, "ReductionFactor must be >= 2, but got 1.")]
    [InlineData(1, 4, -1, 0, "MinEarlyStoppingRate must be >= 0, but got -1.")]
    [InlineData(1, 4, 0, -2, "BootstrapCount must be >= 0, but got -2.")]
    [InlineData(null, 4, 0, 1, "BootstrapCount 1 needs an explicit MinResource")]
    public void Invalid_options_name_the_value_and_what_is_allowed(int? minResource, int eta, int rate, int bootstrap, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Sha(minResource, eta, rate, bootstrap));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
