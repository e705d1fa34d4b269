using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// NSGA-II's elitism (Deb et al., 2002): whole fronts under constrained domination while they fit, then
/// the members of the next front with the largest crowding distance (ties to the lower trial number).
/// Tournaments use the crowded comparison: the lower rank wins, then the larger crowding distance, then
/// a coin flip.
/// </summary>
internal sealed class CrowdingSurvival : ISurvival
{
    public static CrowdingSurvival Instance { get; } = new();

    public Individual[] Select(IReadOnlyList<Individual> candidates, int size, int objectives, SeededRandom random)
    {
        var ranks = ConstrainedRanking.Ranks(candidates);
        var elite = new List<Individual>(size);
        foreach (var front in ConstrainedRanking.Fronts(candidates, ranks))
        {
            if (elite.Count + front.Count <= size)
            {
                elite.AddRange(front.Select(i => candidates[i]));
                if (elite.Count == size)
                {
                    break;
                }

                continue;
            }

            var distances = CrowdingDistance.Compute(front.Select(i => candidates[i].Objectives).ToArray());
            var order = Enumerable.Range(0, front.Count)
                .OrderByDescending(k => distances[k])
                .ThenBy(k => candidates[front[k]].Number);
            elite.AddRange(order.Take(size - elite.Count).Select(k => candidates[front[k]]));
            break;
        }

        return [.. elite];
    }

    public bool Wins(Population population, int a, int b, SeededRandom random)
    {
        if (population.Rank[a] != population.Rank[b])
        {
            return population.Rank[a] < population.Rank[b];
        }

        if (population.Crowding[a] != population.Crowding[b])
        {
            return population.Crowding[a] > population.Crowding[b];
        }

        return random.NextDouble() < 0.5;
    }
}
