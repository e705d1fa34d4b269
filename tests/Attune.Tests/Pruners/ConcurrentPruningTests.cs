using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Tests.Pruners;

/// <summary>Four workers report and ask the pruner at the same time; decisions must stay consistent.</summary>
public class ConcurrentPruningTests
{
    private const int Steps = 27;

    private static double Curve(double level, double speed, int step) => level + (speed / step);

    private static Study Optimize(Pruner pruner, string name, int trials = 160, int sequentialFirst = 0)
    {
        var study = Study.Create(new StudyOptions
        {
            Name = name,
            Pruner = pruner,
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 7 }),
        });

        double Objective(Trial trial)
        {
            var level = trial.SuggestFloat("level", 0, 1);
            var speed = trial.SuggestFloat("speed", 0, 2);
            var value = 0.0;
            for (var step = 1; step <= Steps; step++)
            {
                value = Curve(level, speed, step);
                trial.Report(value, step);
                if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return value;
        }

        if (sequentialFirst > 0)
        {
            study.Optimize(Objective, new OptimizeOptions { Trials = sequentialFirst });
        }

        study.Optimize(Objective, new OptimizeOptions { Trials = trials - sequentialFirst, Parallelism = 4 });
        return study;
    }

    /// <summary>
    /// What must hold for successive halving whatever the interleaving: rung attributes are consecutive
    /// and hold the value at the rung's step; a pruned trial stopped at its last rung; a completed one
    /// passed every rung; and a trial pruned at a rung had a strictly better rival there (its rivals at
    /// decision time are a subset of the final ones).
    /// </summary>
    private static void AssertAshaInvariants(IReadOnlyList<TrialRecord> trials, Func<int, int> bracketOf, int eta)
    {
        Assert.All(trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, $"trial {t.Number} is {t.State}"));
        Assert.Contains(trials, t => t.State == TrialState.Pruned);
        Assert.Contains(trials, t => t.State == TrialState.Complete);
        foreach (var trial in trials)
        {
            var bracket = bracketOf(trial.Number);
            var rungs = SuccessiveHalvingRule.CompletedRungs(trial);
            Assert.DoesNotContain(SuccessiveHalvingRule.RungKey(rungs + 1), trial.SystemAttrs.Keys);
            for (var k = 0; k < rungs; k++)
            {
                var step = SuccessiveHalvingRule.RungStep(1, eta, bracket, k);
                Assert.Equal(trial.IntermediateValues[step], (double)trial.SystemAttrs[SuccessiveHalvingRule.RungKey(k)]!);
            }

            var nextRung = SuccessiveHalvingRule.RungStep(1, eta, bracket, rungs);
            if (trial.State == TrialState.Complete)
            {
                Assert.True(nextRung > Steps, $"trial {trial.Number} completed without passing the rung at step {nextRung}");
                continue;
            }

            Assert.True(rungs > 0, $"trial {trial.Number} was pruned before its first rung");
            var lastRung = rungs - 1;
            Assert.Equal(SuccessiveHalvingRule.RungStep(1, eta, bracket, lastRung), trial.LastStep);
            var key = SuccessiveHalvingRule.RungKey(lastRung);
            var own = (double)trial.SystemAttrs[key]!;
            Assert.Contains(
                trials,
                other => other.Number != trial.Number && bracketOf(other.Number) == bracket
                    && other.SystemAttrs.TryGetValue(key, out var v) && (double)v! < own);
        }
    }

    [Fact]
    public void Successive_halving_with_four_workers()
    {
        var study = Optimize(new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 3 }), "sha-parallel");
        AssertAshaInvariants(study.Trials, _ => 0, 3);
    }

    [Fact]
    public void Hyperband_with_four_workers_and_automatic_max_resource()
    {
        var pruner = new HyperbandPruner(new() { ReductionFactor = 3 });

        // The maximum resource is known when the first trial completes. A trial running then has passed
        // rungs unjudged and records them later with its current value, so the first trial runs alone.
        var study = Optimize(pruner, "hb-parallel", sequentialFirst: 1);
        Assert.Equal(4, pruner.BracketCount); // R = 27 + 1 = 28: rungs 1, 3, 9, 27
        AssertAshaInvariants(study.Trials.Skip(1).ToList(), n => pruner.GetBracket(study, n)!.Value, 3);
    }

    [Theory]
    [InlineData("median")]
    [InlineData("percentile")]
    [InlineData("threshold")]
    [InlineData("patient")]
    [InlineData("wilcoxon")]
    public void Other_pruners_with_four_workers(string name)
    {
        Pruner pruner = name switch
        {
            "median" => new MedianPruner(new() { StartupTrials = 5, WarmupSteps = 2 }),
            "percentile" => new PercentilePruner(new() { Percentile = 25, StartupTrials = 5 }),
            "threshold" => new ThresholdPruner(new() { Upper = 1.2, WarmupSteps = 3 }),
            "patient" => new PatientPruner(new() { Patience = 3, Wrapped = new MedianPruner() }),
            _ => new WilcoxonPruner(new() { PThreshold = 0.05 }),
        };
        var study = Optimize(pruner, name + "-parallel", trials: 80);
        Assert.All(study.Trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, $"trial {t.Number} is {t.State}"));
        if (name != "patient")
        {
            // Monotone curves never stall, so patience alone never prunes them.
            Assert.Contains(study.Trials, t => t.State == TrialState.Pruned);
        }
        else
        {
            Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Pruned);
        }
    }

    [Fact]
    public void Interleaved_trials_compete_with_running_ones()
    {
        var study = PrunerTestKit.NewStudy(new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 3 }));
        var a = study.Ask();
        var b = study.Ask();
        var c = study.Ask();
        a.Report(5, 1);
        Assert.False(a.ShouldPrune());  // alone at rung 0
        b.Report(3, 1);
        Assert.False(b.ShouldPrune());  // best of two
        c.Report(4, 1);
        Assert.True(c.ShouldPrune());   // three values, one passes, and 3 is better
        a.Report(5, 3);
        Assert.False(a.ShouldPrune());  // alone at rung 1
        b.Report(2, 3);
        Assert.False(b.ShouldPrune());
        Assert.Equal(5.0, a.ToRecord().SystemAttrs["completed_rung_1"]);
        Assert.Equal(2.0, b.ToRecord().SystemAttrs["completed_rung_1"]);
    }
}
