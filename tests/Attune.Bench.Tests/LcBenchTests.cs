using Attune.Bench.MultiFidelity;

namespace Attune.Bench.Tests;

public sealed class LcBenchTests : IDisposable
{
    private readonly LcBenchSurrogate surrogate = LcBenchSurrogate.Load();

    public void Dispose() => surrogate.Dispose();

    [Theory]
    [InlineData("189873", 0.28, 86.8, 89.8)]
    [InlineData("167168", 22.3, 63.5, 75.5)]
    [InlineData("189906", 11.2, 83.4, 89.8)]
    [InlineData("3945", 50.1, 90.7, 91.8)]
    [InlineData("7593", 9.0, 71.2, 79.3)]
    public void The_surrogate_gives_the_values_checked_in_the_data_readme(string task, double at1, double at10, double at52)
    {
        // bs 64, lr 0.01, momentum 0.9, wd 1e-4, 3 layers x 256 units, dropout 0.1 (shared/bench/data/README.md, §1.3, one decimal).
        var curve = surrogate.ValAccuracyCurve(surrogate.Task(task), new LcBenchConfig(64, 0.01, 0.9, 1e-4, 3, 256, 0.1));
        Assert.Equal(at1, curve[0], 0.1);
        Assert.Equal(at10, curve[9], 0.1);
        Assert.Equal(at52, curve[51], 0.1);
    }

    [Fact]
    public void A_lazy_curve_equals_the_batched_one()
    {
        var task = surrogate.Task("167168");
        var config = new LcBenchConfig(200, 0.003, 0.5, 0.02, 2, 500, 0.3);
        var batched = surrogate.ValAccuracyCurve(task, config);
        var lazy = new LazyCurve(surrogate, task, config);
        for (var e = 1; e <= LcBenchSurrogate.Epochs; e++)
        {
            Assert.Equal(batched[e - 1], lazy[e], 1e-3);
        }
    }

    [Fact]
    public void Tasks_carry_codes_and_statistics()
    {
        var task = surrogate.Task("167168");
        Assert.Equal(10, task.Code);
        Assert.Equal(14.945163, task.Min, 6);
        Assert.Equal(87.94883, task.Max, 5);
        Assert.Equal(1, task.Regret(double.NaN));
        Assert.Equal(0, task.Regret(task.Max));
        Assert.Throws<ArgumentException>(() => surrogate.Task("167083")); // in encoding.json but not a config-space instance
    }

    [Fact]
    public void A_run_spends_the_budget_and_stops_in_the_trial_in_flight()
    {
        Assert.Equal(6543.2, LcBenchRunner.Budget, 1);
        var run = new LcBenchRunner(surrogate).Run(surrogate.Task("189906"), MultiFidelityMethods.Get("random"), 0);
        Assert.Equal(6544, run.Epochs);
        Assert.Equal(126, run.Trials);  // 125 complete trials of 52 epochs = 6500, then 44 epochs of the 126th
        Assert.Equal(125, run.Completed);
        Assert.Equal(52, run.Completions[0].Epochs);
        Assert.Equal(6500, run.Completions[^1].Epochs);
        Assert.True(run.Regrets[0] >= run.Regrets[1] && run.Regrets[1] >= run.Regrets[2]);
    }

    [Fact]
    public void Optuna_reference_rows_are_parsed()
    {
        var reference = LcBenchReference.Load();
        Assert.Equal(21, reference.Rows.Count);
        var random = reference.Find("167168", "(a)")!;
        Assert.Equal([0.1346, 0.1056, 0.0881], random.MedianRegrets);
        Assert.Equal(4316, random.EpochsToTarget);
        Assert.Equal(double.PositiveInfinity, reference.Find("167168", "(g)")!.EpochsToTarget);
        Assert.Equal("701 / 53", reference.Find("167168", "(d)")!.Cells[5]);
        Assert.Null(reference.Find("167168", null));
    }

    [Fact]
    public void Epochs_to_target_on_the_median_curve_and_per_seed()
    {
        var task = new LcBenchTask("t", 1, 0, 100);

        // Regret = (100 - value) / 100: value 90 is regret 0.1.
        LcBenchRun Run(params Completion[] completions) => new()
        {
            Task = "t", Method = "m", Seed = 0, Trials = 0, Completed = completions.Length, Epochs = 0, Regrets = [], Completions = completions, WallSeconds = 0,
        };

        var runs = new[]
        {
            Run(new Completion(100, 80), new Completion(300, 95)),
            Run(new Completion(200, 91)),
            Run(new Completion(150, 50), new Completion(400, 92)),
        };

        Assert.Equal(300, LcBenchSummary.FirstEpochAtOrBelow(runs[0], task, 0.1));
        Assert.Equal(double.PositiveInfinity, LcBenchSummary.FirstEpochAtOrBelow(runs[2], task, 0.05));

        // Median of the three regrets reaches 0.1 once two runs are at or below it: epoch 300.
        Assert.Equal(300, LcBenchSummary.MedianCurveFirstEpoch(runs, task, 0.1));
        Assert.Equal(double.PositiveInfinity, LcBenchSummary.MedianCurveFirstEpoch(runs, task, 0.01));
        Assert.Equal(double.PositiveInfinity, LcBenchSummary.Median([1, double.PositiveInfinity]));
        Assert.Equal(2, LcBenchSummary.Median([3, 1, 2]));
    }
}
