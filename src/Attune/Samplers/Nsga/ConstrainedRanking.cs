using Attune.MultiObjective;

namespace Attune.Samplers;

/// <summary>Non-dominated ranks under constrained domination (see <see cref="Individual.ConstrainedDominates"/>).</summary>
internal static class ConstrainedRanking
{
    /// <summary>
    /// The rank of each individual: feasible individuals take their non-dominated rank among the feasible
    /// ones (0 is their Pareto front); infeasible ones come after every feasible rank, one rank per distinct
    /// violation in increasing order, since each dominates every individual with a larger violation.
    /// </summary>
    public static int[] Ranks(IReadOnlyList<Individual> population)
    {
        var ranks = new int[population.Count];
        var feasible = new List<int>();
        var infeasible = new List<int>();
        for (var i = 0; i < population.Count; i++)
        {
            (population[i].Feasible ? feasible : infeasible).Add(i);
        }

        var next = 0;
        if (feasible.Count > 0)
        {
            var points = new double[feasible.Count][];
            for (var k = 0; k < feasible.Count; k++)
            {
                points[k] = population[feasible[k]].Objectives;
            }

            var feasibleRanks = ParetoFront.NonDominatedRanks(points);
            for (var k = 0; k < feasible.Count; k++)
            {
                ranks[feasible[k]] = feasibleRanks[k];
                next = Math.Max(next, feasibleRanks[k] + 1);
            }
        }

        infeasible.Sort((a, b) => population[a].Violation.CompareTo(population[b].Violation));
        for (var k = 0; k < infeasible.Count; k++)
        {
            if (k > 0 && population[infeasible[k]].Violation > population[infeasible[k - 1]].Violation)
            {
                next++;
            }

            ranks[infeasible[k]] = next;
        }

        return ranks;
    }

    /// <summary>The indices of each rank's members, rank 0 first, each in ascending trial number.</summary>
    public static List<List<int>> Fronts(IReadOnlyList<Individual> population, int[] ranks)
    {
        var fronts = new List<List<int>>();
        var order = Enumerable.Range(0, population.Count).OrderBy(i => population[i].Number).ToArray();
        foreach (var i in order)
        {
            while (fronts.Count <= ranks[i])
            {
                fronts.Add([]);
            }

            fronts[ranks[i]].Add(i);
        }

        fronts.RemoveAll(f => f.Count == 0);
        return fronts;
    }
}
