using Attune.Pruners;

namespace Attune.Tests.Pruners;

/// <summary>
/// Scripted runs whose every pruning decision must equal Optuna 3.1's on the same curves and study
/// names (Reference/optuna_pruner_scenarios.py prints the expected arrays: the step at which each
/// trial was pruned, -1 when it completed).
/// </summary>
public class OptunaParityTests
{
    /// <summary>The curves of the reference script, with the same integer arithmetic.</summary>
    private static double Curve(int i, long t)
    {
        var a = ((i + 3L) * 7919 % 101) / 100.0;
        var b = ((i + 5L) * 104729 % 53) / 10.0;
        var u = (((i * 73856093L) ^ (t * 19349663L)) % 1000) / 1000.0;
        return a + (b / (t + 1.0)) + (0.5 * u);
    }

    private static long[] RunAll(Study study, IEnumerable<long> steps, int trials)
    {
        var stepList = steps.ToList();
        var sign = study.Direction == StudyDirection.Maximize ? -1 : 1;
        var result = new long[trials];
        for (var i = 0; i < trials; i++)
        {
            result[i] = PrunerTestKit.Run(study, stepList, t => sign * Curve(i, t));
        }

        return result;
    }

    [Fact]
    public void SuccessiveHalving_min_resource_1_eta_3()
    {
        var study = PrunerTestKit.NewStudy(new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 3 }), name: "sha");
        long[] expected = [-1, 1, -1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(1, 28), 40));
    }

    [Fact]
    public void SuccessiveHalving_maximize_mirrors_minimize()
    {
        var study = PrunerTestKit.NewStudy(new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 3 }), StudyDirection.Maximize, "sha");
        long[] expected = [-1, 1, -1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(1, 28), 40));
    }

    [Fact]
    public void SuccessiveHalving_auto_min_resource()
    {
        var study = PrunerTestKit.NewStudy(new SuccessiveHalvingPruner(), name: "sha");
        long[] expected = [-1, -1, -1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(0, 300), 30));
    }

    [Fact]
    public void SuccessiveHalving_early_stopping_rate_and_bootstrap()
    {
        var study = PrunerTestKit.NewStudy(
            new SuccessiveHalvingPruner(new() { MinResource = 2, ReductionFactor = 2, MinEarlyStoppingRate = 1, BootstrapCount = 2 }), name: "sha");
        long[] expected = [4, 4, 8, 4, 4, 8, 4, 8, 4, 4, 8, 4, 8, 8, 4, 8, 4, 16, 4, 4, 4, 4, 8, 4, 4, 4, 4, 8, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(0, 40), 40));
    }

    [Fact]
    public void SuccessiveHalving_trials_that_skip_steps()
    {
        var study = PrunerTestKit.NewStudy(new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 3 }), name: "sha");
        long[] expected = [-1, 1, -1, 1, 1, 1, 1, 11, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(1, 60, 5), 30));
    }

    [Fact]
    public void Hyperband_with_known_max_resource()
    {
        var study = PrunerTestKit.NewStudy(new HyperbandPruner(new() { MinResource = 1, MaxResource = 27, ReductionFactor = 3 }), name: "hb-study");
        long[] expected =
        [
            -1, -1, -1, 1, 1, 1, 1, -1, 1, 3, 1, 1, 1, 3, 1, -1, 3, 1, 1, 1, 1, 1, 1, 9, 3, 1, 3, 9, -1, 3,
            1, 1, 3, 1, 9, -1, 1, -1, 1, -1, 1, 1, 3, 3, 1, 1, 1, 27, 3, -1, 9, 1, 3, 3, -1, 9, 9, 3, 3, 3,
        ];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(1, 28), 60));
    }

    [Fact]
    public void Hyperband_with_auto_max_resource()
    {
        var study = PrunerTestKit.NewStudy(new HyperbandPruner(), name: "hb-auto");
        long[] expected =
        [
            -1, -1, -1, -1, 1, 1, -1, -1, 1, 3, -1, 3, 3, 1, 1, 1, 1, 1, 3, 9, 3, 1, 1, 3, 3, -1, 3, 1, -1, 1,
            1, 9, 3, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, -1, 9, 3, -1, 3, 3, 3, 3, -1, 9, 9, 9, 3, 9,
        ];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(0, 27), 60));
    }

    [Fact]
    public void Median_with_startup_and_warmup()
    {
        var study = PrunerTestKit.NewStudy(new MedianPruner(new() { StartupTrials = 5, WarmupSteps = 5 }), name: "median");
        long[] expected = [-1, -1, -1, -1, -1, -1, 5, -1, 5, 5, 6, 5, -1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(1, 20), 30));
    }

    [Fact]
    public void Percentile_with_interval()
    {
        var study = PrunerTestKit.NewStudy(
            new PercentilePruner(new() { Percentile = 25, StartupTrials = 3, WarmupSteps = 2, IntervalSteps = 3 }), name: "pct");
        long[] expected = [-1, -1, -1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(0, 20), 30));
    }

    [Fact]
    public void Patient_without_wrapped_pruner()
    {
        var study = PrunerTestKit.NewStudy(new PatientPruner(new() { Patience = 2 }), name: "pat");
        long[] expected = [-1, 6, 10, 12, 17, 7, 12, 11, 8, 9, 6, 8];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(0, 20), 12));
    }

    [Fact]
    public void Patient_with_min_delta_maximizing()
    {
        var study = PrunerTestKit.NewStudy(new PatientPruner(new() { Patience = 3, MinDelta = 0.05 }), StudyDirection.Maximize, "pat");
        long[] expected = [-1, 16, 12, -1, 18, 18, -1, 18, -1, 16, 14, 9];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(0, 20), 12));
    }

    [Fact]
    public void Threshold_with_warmup_and_interval()
    {
        var study = PrunerTestKit.NewStudy(new ThresholdPruner(new() { Upper = 1.2, WarmupSteps = 2, IntervalSteps = 2 }), name: "thr");
        long[] expected = [-1, 2, -1, -1, 2, -1, -1, -1, -1, 2, 2, 2];
        Assert.Equal(expected, RunAll(study, PrunerTestKit.Steps(0, 20), 12));
    }

    [Fact]
    public void Hyperband_bracket_assignment_and_allocation_match_optuna()
    {
        var pruner = new HyperbandPruner(new() { MinResource = 1, MaxResource = 52, ReductionFactor = 3 });
        var study = PrunerTestKit.NewStudy(pruner, name: "lcbench-167168-tpe_hyperband-seed0");
        Assert.Equal(4, pruner.BracketCount);
        int[] expected = [0, 0, 0, 2, 1, 2, 1, 3, 0, 3, 1, 1, 0, 1, 3, 3, 0, 1, 1, 0, 0, 2, 1, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0];
        Assert.Equal(expected, Enumerable.Range(0, 40).Select(n => pruner.GetBracket(study, n)!.Value));
        var brackets = new HyperbandBrackets(1, 52, 3, 0);
        Assert.Equal([27L, 12, 6, 4], brackets.Allocations);
    }
}
