using Attune.Pruners;

namespace Attune.Tests.Pruners;

public class PatientPrunerTests
{
    /// <summary>A pruner that records that it was asked and answers as told.</summary>
    private sealed class Recording(bool answer) : Pruner
    {
        public int Calls { get; private set; }

        public override bool Prune(Study study, TrialRecord trial)
        {
            Calls++;
            return answer;
        }
    }

    [Fact]
    public void Prunes_once_the_last_patience_plus_one_values_are_all_worse_than_the_earlier_best()
    {
        var study = PrunerTestKit.NewStudy(new PatientPruner(new() { Patience = 2 }));

        // Best 1.0 at step 1; steps 2, 3, 4 are all worse: pruned at step 4 (3 = patience + 1 values after the best).
        Assert.Equal(4, PrunerTestKit.Run(study, 2, 1, 1.5, 1.6, 1.7, 0.1));
    }

    [Fact]
    public void An_improvement_within_the_window_resets_the_patience()
    {
        var study = PrunerTestKit.NewStudy(new PatientPruner(new() { Patience = 2 }));
        Assert.Equal(-1, PrunerTestKit.Run(study, 2, 1, 1.5, 0.9, 1.2, 1.1));
    }

    [Fact]
    public void Equal_values_are_not_a_decline()
    {
        var study = PrunerTestKit.NewStudy(new PatientPruner(new() { Patience = 1 }));
        Assert.Equal(-1, PrunerTestKit.Run(study, 1, 1, 1, 1, 1, 1));
    }

    [Fact]
    public void Min_delta_tolerates_small_declines_and_maximize_flips_the_sign()
    {
        var study = PrunerTestKit.NewStudy(new PatientPruner(new() { Patience = 0, MinDelta = 0.1 }), StudyDirection.Maximize);
        Assert.Equal(-1, PrunerTestKit.Run(study, 1, 0.95, 0.92));
        Assert.Equal(2, PrunerTestKit.Run(study, 1, 0.95, 0.85));
    }

    [Fact]
    public void A_wrapped_pruner_decides_only_for_stalled_trials()
    {
        var no = new Recording(false);
        var study = PrunerTestKit.NewStudy(new PatientPruner(new() { Patience = 1, Wrapped = no }));
        Assert.Equal(-1, PrunerTestKit.Run(study, 3, 2, 1, 0)); // always improving: never asks
        Assert.Equal(0, no.Calls);
        Assert.Equal(-1, PrunerTestKit.Run(study, 1, 2, 3));   // stalled at step 2: asks, and is told no
        Assert.Equal(1, no.Calls);

        var yes = new Recording(true);
        var other = PrunerTestKit.NewStudy(new PatientPruner(new() { Patience = 1, Wrapped = yes }));
        Assert.Equal(2, PrunerTestKit.Run(other, 1, 2, 3));
    }

    [Theory]
    [InlineData(-1, 0, "Patience must be >= 0, but got -1.")]
    [InlineData(1, -0.5, "MinDelta must be >= 0, but got -0.5.")]
    [InlineData(1, double.NaN, "MinDelta must be >= 0, but got NaN.")]
    public void Invalid_options_name_the_value_and_what_is_allowed(int patience, double minDelta, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new PatientPruner(new() { Patience = patience, MinDelta = minDelta }));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
