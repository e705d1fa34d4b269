using Attune.Pruners;

namespace Attune.Tests.Pruners;

public class MultiObjectivePruningTests
{
    private static readonly StudyDirection[] MinMin = [StudyDirection.Minimize, StudyDirection.Minimize];

    /// <summary>Runs a trial that reports <paramref name="vector"/> at steps 0 and 1; returns the pruned step or -1.</summary>
    private static long Run(Study study, params double[] vector)
    {
        var trial = study.Ask();
        for (var step = 0; step < 2; step++)
        {
            trial.Report(vector, step);
            if (trial.ShouldPrune())
            {
                study.Tell(trial, TrialState.Pruned);
                return step;
            }
        }

        study.Tell(trial, vector);
        return -1;
    }

    [Fact]
    public void A_vector_is_kept_in_a_system_attribute_and_its_first_value_as_the_intermediate_value()
    {
        var study = PrunerTestKit.NewMultiObjectiveStudy(new NopPruner(), MinMin);
        var trial = study.Ask();
        trial.Report([0.5, 2], 3);
        trial.Report([double.NaN, double.PositiveInfinity], 4);
        trial.Report([7, 7], 3); // a step is reported once: ignored
        var record = trial.ToRecord();
        Assert.Equal(0.5, record.IntermediateValues[3]);
        Assert.True(double.IsNaN(record.IntermediateValues[4]));
        Assert.Equal([0.5, 2.0], (IEnumerable<object?>)record.SystemAttrs["attune:intermediate_values:3"]!);
        Assert.Equal(["NaN", "Infinity"], (IEnumerable<object?>)record.SystemAttrs["attune:intermediate_values:4"]!);
        Assert.Equal([0.5, 2.0], record.GetIntermediateValues(3));
        var nonFinite = record.GetIntermediateValues(4)!;
        Assert.True(double.IsNaN(nonFinite[0]));
        Assert.Equal(double.PositiveInfinity, nonFinite[1]);
        Assert.Null(record.GetIntermediateValues(5));
        Assert.Equal(4, record.LastStep);
    }

    [Fact]
    public void Reports_must_match_the_number_of_objectives()
    {
        var multi = PrunerTestKit.NewMultiObjectiveStudy(new NopPruner(), MinMin);
        var trial = multi.Ask();
        var scalar = Assert.Throws<InvalidOperationException>(() => trial.Report(1.0, 0));
        Assert.Contains("Report(IReadOnlyList<double>, long)", scalar.Message, StringComparison.Ordinal);
        var count = Assert.Throws<ArgumentException>(() => trial.Report([1.0, 2, 3], 0));
        Assert.StartsWith("Report got 3 value(s), but study", count.Message, StringComparison.Ordinal);

        var single = PrunerTestKit.NewStudy(new NopPruner());
        var one = single.Ask();
        one.Report([4.0], 2);
        Assert.Equal(4.0, one.ToRecord().IntermediateValues[2]);
        Assert.Empty(one.ToRecord().SystemAttrs);
        Assert.Equal([4.0], one.ToRecord().GetIntermediateValues(2));
    }

    [Fact]
    public void A_pruner_without_multi_objective_support_is_a_clear_error()
    {
        var study = PrunerTestKit.NewMultiObjectiveStudy(new MedianPruner(), MinMin);
        var trial = study.Ask();
        trial.Report([1.0, 1], 0);
        var e = Assert.Throws<InvalidOperationException>(() => trial.ShouldPrune());
        Assert.StartsWith("MedianPruner cannot prune trials of study", e.Message, StringComparison.Ordinal);
        Assert.False(new MedianPruner().SupportsMultiObjective);
        Assert.True(new NopPruner().SupportsMultiObjective);
        Assert.True(new SuccessiveHalvingPruner().SupportsMultiObjective);
        Assert.True(new HyperbandPruner().SupportsMultiObjective);
        Assert.False(PrunerTestKit.NewMultiObjectiveStudy(new NopPruner(), MinMin).Ask().ShouldPrune());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_rung_is_ranked_by_domination_then_crowding(bool maximize)
    {
        var directions = maximize ? new[] { StudyDirection.Maximize, StudyDirection.Maximize } : MinMin;
        var study = PrunerTestKit.NewMultiObjectiveStudy(new SuccessiveHalvingPruner(new() { MinResource = 1, ReductionFactor = 2 }), directions);
        var sign = maximize ? -1.0 : 1.0;
        long Go(double a, double b) => Run(study, sign * a, sign * b);

        Assert.Equal(-1, Go(1, 1));     // alone at the rung
        Assert.Equal(1, Go(2, 2));      // dominated by (1, 1); 2 values, 1 may pass
        Assert.Equal(-1, Go(0.5, 3));   // non-dominated; a front of two is all boundary
        Assert.Equal(1, Go(0.6, 2.9));  // non-dominated, but crowded between (0.5, 3) and (1, 1): 4 values, 2 pass, two boundary points ahead
        Assert.Equal(-1, Go(5, 0.1));   // a new end of the front: infinite crowding, ties with the second place
        var attrs = study.Trials[2].SystemAttrs;
        Assert.Equal([sign * 0.5, sign * 3], (IEnumerable<object?>)attrs["completed_rung_0"]!);
    }

    [Fact]
    public void NaN_in_any_objective_at_a_rung_prunes()
    {
        var study = PrunerTestKit.NewMultiObjectiveStudy(new SuccessiveHalvingPruner(new() { MinResource = 1 }), MinMin);
        Assert.Equal(1, Run(study, 0, double.NaN));
    }

    [Fact]
    public void Hyperband_ranks_each_bracket_by_domination()
    {
        var pruner = new HyperbandPruner(new() { MinResource = 1, MaxResource = 9, ReductionFactor = 3 });
        var study = Study.Create(new StudyOptions { Name = "hb-test", Directions = MinMin, Pruner = pruner });
        var seen = new HashSet<int>();
        for (var n = 0; n < 30; n++)
        {
            var bracket = pruner.GetBracket(study, n)!.Value;
            var trial = study.Ask();
            var prunedAt = -1L;
            for (var step = 0; step < 10 && prunedAt < 0; step++)
            {
                trial.Report([n, n], step); // every later trial is dominated by the earlier ones of its bracket
                if (trial.ShouldPrune())
                {
                    prunedAt = step;
                }
            }

            if (prunedAt >= 0)
            {
                study.Tell(trial, TrialState.Pruned);
            }
            else
            {
                study.Tell(trial, [n, (double)n]);
            }

            Assert.Equal(seen.Add(bracket) ? -1 : (long)Math.Pow(3, bracket), prunedAt);
        }
    }

    [Fact]
    public void Crowding_distance_is_infinite_at_the_ends_of_each_front_and_sums_normalized_gaps()
    {
        double[][] points = [[0, 4], [1, 3], [3, 1], [4, 0], [5, 5], [6, 6], [7, 7]];
        int[] ranks = [0, 0, 0, 0, 1, 2, 3];
        var d = CrowdingDistance.OfFronts(points, ranks);
        Assert.Equal(double.PositiveInfinity, d[0]);
        Assert.Equal(double.PositiveInfinity, d[3]);
        Assert.Equal(((3.0 - 0) / 4) + ((4.0 - 1) / 4), d[1], 12);
        Assert.Equal(((4.0 - 1) / 4) + ((3.0 - 0) / 4), d[2], 12);
        Assert.Equal(double.PositiveInfinity, d[4]); // fronts of one or two points are all ends
    }
}
