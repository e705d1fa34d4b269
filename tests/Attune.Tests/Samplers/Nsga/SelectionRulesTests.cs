using Attune.Randomness;
using Attune.Samplers;
using static Attune.Tests.Samplers.Nsga.NsgaTestData;

namespace Attune.Tests.Samplers.Nsga;

/// <summary>Crowding distance, constrained domination and NSGA-II survival on hand-made populations.</summary>
public class SelectionRulesTests
{
    [Fact]
    public void Crowding_distance_sums_normalised_neighbour_gaps_with_infinite_ends()
    {
        double[][] front = [[2, 3], [1, 5], [4, 2], [5, 1]];
        var d = CrowdingDistance.Compute(front);

        // f1 sorted 1,2,4,5 (range 4); f2 sorted 1,2,3,5 (range 4).
        Assert.Equal(((4.0 - 1) / 4) + ((5.0 - 2) / 4), d[0]); // [2, 3]: 0.75 + 0.75
        Assert.Equal(double.PositiveInfinity, d[1]);
        Assert.Equal(((5.0 - 2) / 4) + ((3.0 - 1) / 4), d[2]); // [4, 2]: 0.75 + 0.5
        Assert.Equal(double.PositiveInfinity, d[3]);
    }

    [Fact]
    public void Crowding_distance_ignores_constant_objectives_and_small_fronts()
    {
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, CrowdingDistance.Compute([[1, 7], [1, 7], [1, 7]]));
        Assert.Equal(new[] { double.PositiveInfinity, 1.0, double.PositiveInfinity }, CrowdingDistance.Compute([[0, 5], [1, 5], [2, 5]]));
        Assert.Equal(new[] { double.PositiveInfinity, double.PositiveInfinity }, CrowdingDistance.Compute([[0, 1], [1, 0]]));
        Assert.Equal(new[] { 0.0 }, CrowdingDistance.Compute([[3, 3]]));
        Assert.Empty(CrowdingDistance.Compute([]));
    }

    [Fact]
    public void Feasible_beats_infeasible_whatever_the_objectives()
    {
        var feasible = Make(0, [9, 9], [0.0, -1.0]);
        var infeasible = Make(1, [0, 0], [0.1]);
        Assert.True(Individual.ConstrainedDominates(feasible, infeasible));
        Assert.False(Individual.ConstrainedDominates(infeasible, feasible));
    }

    [Fact]
    public void Among_infeasible_the_smaller_total_violation_wins_and_satisfied_constraints_do_not_offset()
    {
        var a = Make(0, [0, 0], [2.0, -5.0]); // violation 2 (the -5 does not offset)
        var b = Make(1, [9, 9], [1.0, 1.0]);  // violation 2
        var c = Make(2, [9, 9], [1.5]);       // violation 1.5
        Assert.Equal(2.0, a.Violation);
        Assert.False(Individual.ConstrainedDominates(a, b));
        Assert.False(Individual.ConstrainedDominates(b, a));
        Assert.True(Individual.ConstrainedDominates(c, a));
        Assert.False(Individual.ConstrainedDominates(a, c));
    }

    [Fact]
    public void Among_feasible_pareto_dominance_decides_and_zero_or_missing_constraints_are_feasible()
    {
        var zero = Make(0, [1, 2], [0.0]);
        var none = Make(1, [2, 3]);
        var other = Make(2, [0, 5], [-1.0]);
        Assert.True(zero.Feasible);
        Assert.True(none.Feasible);
        Assert.True(Individual.ConstrainedDominates(zero, none));
        Assert.False(Individual.ConstrainedDominates(none, zero));
        Assert.False(Individual.ConstrainedDominates(zero, other));
        Assert.False(Individual.ConstrainedDominates(other, zero));
    }

    [Fact]
    public void Unreadable_constraint_values_make_a_trial_infeasible_as_Study_IsFeasible_does()
    {
        var record = new TrialRecord
        {
            State = TrialState.Complete,
            Values = [1.0, 1.0],
            SystemAttrs = new Dictionary<string, object?> { [Study.ConstraintsKey] = new List<object?> { "x" } },
        };
        Assert.False(Study.IsFeasible(record));
        Assert.Equal(double.PositiveInfinity, Individual.ConstraintViolation(record));
    }

    [Fact]
    public void Ranks_put_feasible_fronts_first_then_infeasible_by_violation()
    {
        Individual[] population =
        [
            Make(0, [1, 4]),              // feasible front 0
            Make(1, [4, 1]),              // feasible front 0
            Make(2, [2, 5]),              // feasible front 1 (dominated by 0)
            Make(3, [0, 0], [3.0]),       // infeasible, violation 3
            Make(4, [0, 0], [1.0]),       // infeasible, violation 1
            Make(5, [9, 9], [1.0, 0.0]),  // infeasible, violation 1 (tie)
        ];
        Assert.Equal(new[] { 0, 0, 1, 3, 2, 2 }, ConstrainedRanking.Ranks(population));
    }

    [Fact]
    public void Nsga2_survival_keeps_whole_fronts_then_the_least_crowded_of_the_next()
    {
        Individual[] candidates =
        [
            Make(0, [0, 0]),      // front 0
            Make(1, [1, 11]),     // front 1: an end (crowding infinite)
            Make(2, [5, 6]),      // front 1: 0.42 + 0.51 = 0.93
            Make(3, [5.2, 5.9]),  // front 1: 0.05 + 0.05 = 0.1, the most crowded
            Make(4, [5.5, 5.5]),  // front 1: 0.58 + 0.49 = 1.07
            Make(5, [11, 1]),     // front 1: the other end
            Make(6, [20, 20]),    // front 2
        ];
        Assert.Equal(new[] { 0, 1, 5, 4 }, CrowdingSurvival.Instance.Select(candidates, 4, 2, new SeededRandom(1)).Select(i => i.Number));
        Assert.Equal(new[] { 0, 1, 5, 4, 2 }, CrowdingSurvival.Instance.Select(candidates, 5, 2, new SeededRandom(1)).Select(i => i.Number));
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, CrowdingSurvival.Instance.Select(candidates, 6, 2, new SeededRandom(1)).Select(i => i.Number));
    }

    [Fact]
    public void Nsga2_tournament_prefers_lower_rank_then_larger_crowding()
    {
        var population = new Population(0, [Make(0, [0, 10]), Make(1, [10, 0]), Make(2, [5, 5]), Make(3, [6, 6]), Make(4, [1, 1], [0.5])]);
        var random = new SeededRandom(3);

        // Ranks: 0, 1, 2 on the front; 3 dominated; 4 infeasible. Crowding on the front: ends infinite, middle 2.
        Assert.True(CrowdingSurvival.Instance.Wins(population, 2, 3, random));
        Assert.False(CrowdingSurvival.Instance.Wins(population, 4, 3, random));
        Assert.True(CrowdingSurvival.Instance.Wins(population, 0, 2, random));
        Assert.False(CrowdingSurvival.Instance.Wins(population, 2, 1, random));
    }

    [Fact]
    public void Nsga3_tournament_follows_constrained_domination_and_flips_coins_otherwise()
    {
        var population = new Population(0, [Make(0, [0, 10]), Make(1, [10, 0]), Make(2, [11, 11]), Make(3, [0, 0], [1.0])]);
        var survival = new ReferencePointSurvival(null, null, 4);
        var random = new SeededRandom(5);
        Assert.True(survival.Wins(population, 0, 2, random));
        Assert.False(survival.Wins(population, 3, 2, random));
        var wins = Enumerable.Range(0, 2000).Count(_ => survival.Wins(population, 0, 1, random));
        Assert.InRange(wins, 900, 1100);
    }
}
