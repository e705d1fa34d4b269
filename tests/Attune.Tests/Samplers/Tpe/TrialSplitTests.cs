using Attune.Samplers;
using Attune.Samplers.Tpe;

namespace Attune.Tests.Samplers.Tpe;

/// <summary>The below/above split of <see cref="TpeStudyState"/> on hand-made histories.</summary>
public class TrialSplitTests
{
    private static readonly Dictionary<string, Distribution> Space = new() { ["x"] = new FloatDistribution(0, 1) };

    private static Study NewStudy(params StudyDirection[] directions) =>
        Study.Create(new StudyOptions { Sampler = new RandomSampler(), Directions = directions.Length > 0 ? directions : null });

    private static TrialRecord Complete(double x, params double[] values) => new()
    {
        State = TrialState.Complete,
        Values = values,
        Params = new Dictionary<string, object?> { ["x"] = x },
        Distributions = Space,
    };

    private static TrialRecord Pruned(double x, params (long Step, double Value)[] reports)
    {
        var intermediate = new SortedDictionary<long, double>();
        foreach (var (step, value) in reports)
        {
            intermediate[step] = value;
        }

        return new TrialRecord
        {
            State = TrialState.Pruned,
            Params = new Dictionary<string, object?> { ["x"] = x },
            Distributions = Space,
            IntermediateValues = intermediate,
        };
    }

    private static int[] Split(Study study, int below, bool constraints = false)
    {
        var state = new TpeStudyState(study, constraints);
        state.History.Refresh(study.Trials);
        state.UpdateSplit(_ => below);
        return state.Below.ToArray();
    }

    [Fact]
    public void Single_objective_takes_the_best_values_then_furthest_and_best_pruned()
    {
        var study = NewStudy();
        study.AddTrial(Complete(0.1, 5));     // 0
        study.AddTrial(Complete(0.2, 1));     // 1
        study.AddTrial(Pruned(0.3, (1, 0.0), (5, 9.0)));   // 2: step 5, value 9
        study.AddTrial(Pruned(0.4, (3, 0.5)));             // 3: step 3
        study.AddTrial(Pruned(0.5, (5, 2.0)));             // 4: step 5, value 2
        study.AddTrial(Pruned(0.6));                        // 5: nothing reported: last
        study.AddTrial(Complete(0.7, 3));     // 6
        study.AddTrial(new TrialRecord { State = TrialState.Fail }); // 7: ignored

        Assert.Equal([1], Split(study, 1));
        Assert.Equal([0, 1, 6], Split(study, 3));
        Assert.Equal([0, 1, 4, 6], Split(study, 4));           // pruned at step 5 with the better value first
        Assert.Equal([0, 1, 2, 4, 6], Split(study, 5));
        Assert.Equal([0, 1, 2, 3, 4, 6], Split(study, 6));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Split(study, 10));
    }

    [Fact]
    public void Maximization_takes_the_largest_values()
    {
        var study = NewStudy(StudyDirection.Maximize);
        foreach (var v in new[] { 5.0, 1, 7, 3 })
        {
            study.AddTrial(Complete(0.5, v));
        }

        Assert.Equal([0, 2], Split(study, 2));
    }

    [Fact]
    public void Infeasible_trials_come_after_every_feasible_one_ranked_by_total_violation()
    {
        var study = NewStudy();
        TrialRecord With(TrialRecord trial, params double[] constraints) =>
            trial with { SystemAttrs = new Dictionary<string, object?> { [Study.ConstraintsKey] = constraints.Cast<object?>().ToList() } };

        study.AddTrial(With(Complete(0.1, -100), 0.5, 0.2));  // 0: best value but violation 0.7
        study.AddTrial(With(Complete(0.2, 4), -1, 0));        // 1: feasible
        study.AddTrial(With(Complete(0.3, -50), 0.1, -3));    // 2: violation 0.1
        study.AddTrial(Complete(0.4, -200));                 // 3: no constraints recorded: least preferred
        study.AddTrial(With(Pruned(0.5, (2, 1.0)), 0));      // 4: feasible pruned

        Assert.Equal([1], Split(study, 1, constraints: true));
        Assert.Equal([1, 4], Split(study, 2, constraints: true));
        Assert.Equal([1, 2, 4], Split(study, 3, constraints: true));
        Assert.Equal([0, 1, 2, 4], Split(study, 4, constraints: true));
        Assert.Equal([0, 1, 2, 3, 4], Split(study, 5, constraints: true));

        // Without constraints the values alone decide.
        Assert.Equal([0, 3], Split(study, 2));
    }

    [Fact]
    public void Multi_objective_takes_whole_fronts_then_the_hypervolume_subset_of_the_boundary_front()
    {
        var study = NewStudy(StudyDirection.Minimize, StudyDirection.Minimize);
        study.AddTrial(Complete(0.1, 1, 10));   // 0: front 0
        study.AddTrial(Complete(0.1, 10, 1));   // 1: front 0
        study.AddTrial(Complete(0.1, 3, 3));    // 2: front 0
        study.AddTrial(Complete(0.1, 4, 9));    // 3: front 1 (dominated by 2)
        study.AddTrial(Complete(0.1, 9, 4));    // 4: front 1
        study.AddTrial(Complete(0.1, 5, 5));    // 5: front 1
        study.AddTrial(Complete(0.1, 11, 11));  // 6: front 2

        Assert.Equal([0, 1, 2], Split(study, 3));
        Assert.Equal([0, 1, 2, 3, 4, 5], Split(study, 6));

        // Two of front 1 (reference 1.1 × worst = (9.9, 9.9)): (5, 5) adds 4.9² = 24.01 first; then
        // (4, 9) adds 0.9·1 = 0.9 and (9, 4) adds the same 0.9: the tie goes to the lexicographically first.
        Assert.Equal([0, 1, 2, 3, 5], Split(study, 5));
    }

    [Fact]
    public void Motpe_weights_the_good_trials_by_hypervolume_contribution()
    {
        var study = NewStudy(StudyDirection.Minimize, StudyDirection.Minimize);
        study.AddTrial(Complete(0.1, 1, 4));
        study.AddTrial(Complete(0.1, 2, 2));
        study.AddTrial(Complete(0.1, 4, 1));
        var state = new TpeStudyState(study, constraintsEnabled: false);
        state.History.Refresh(study.Trials);
        state.UpdateSplit(_ => 3);

        // Reference 1.1 × worst = (4.4, 4.4); each weight is the point's exclusive hypervolume over the largest.
        var reference = new[] { 4.4, 4.4 };
        var total = BenchmarkFunctions.Hypervolume2D([[1, 4], [2, 2], [4, 1]], reference[0], reference[1]);
        double[] contributions =
        [
            total - BenchmarkFunctions.Hypervolume2D([[2, 2], [4, 1]], reference[0], reference[1]),
            total - BenchmarkFunctions.Hypervolume2D([[1, 4], [4, 1]], reference[0], reference[1]),
            total - BenchmarkFunctions.Hypervolume2D([[1, 4], [2, 2]], reference[0], reference[1]),
        ];
        var max = contributions.Max();
        var weights = state.BelowWeights!;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(contributions[i] / max, weights[i], 12);
        }

        Assert.Equal(1.0, weights[1]);
    }
}
