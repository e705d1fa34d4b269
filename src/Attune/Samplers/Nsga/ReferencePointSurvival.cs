using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// NSGA-III's elitism (Deb and Jain, 2014): whole fronts under constrained domination while they fit;
/// the rest of the next front is chosen by niching. All fronts taken so far plus that front are
/// normalized (<see cref="ObjectiveNormalization"/>) and each point is associated with the reference
/// direction nearest to it (perpendicular distance). Then, one survivor at a time: among the reference
/// directions with the fewest survivors so far, one is chosen at random; if no candidate of the front is
/// associated with it, it is dropped; otherwise, if it has no survivor yet, its candidate nearest to the
/// direction survives, else a random candidate of it does. Tournaments: constrained domination decides,
/// otherwise a coin flip.
/// </summary>
internal sealed class ReferencePointSurvival : ISurvival
{
    private readonly IReadOnlyList<double[]>? given;
    private readonly int? divisions;
    private readonly int populationSize;

    public ReferencePointSurvival(IReadOnlyList<double[]>? referencePoints, int? divisions, int populationSize)
    {
        given = referencePoints;
        this.divisions = divisions;
        this.populationSize = populationSize;
    }

    /// <summary>The reference points for a number of objectives: the user's, or Das–Dennis points.</summary>
    public IReadOnlyList<double[]> PointsFor(int objectives)
    {
        if (given is null)
        {
            return ReferencePoints.DasDennis(objectives, divisions ?? ReferencePoints.DefaultDivisions(objectives, populationSize));
        }

        if (given[0].Length != objectives)
        {
            throw new InvalidOperationException(
                $"NsgaIIISampler has reference points with {given[0].Length} coordinates, but the study has {objectives} objectives.");
        }

        return given;
    }

    public Individual[] Select(IReadOnlyList<Individual> candidates, int size, int objectives, SeededRandom random)
    {
        var ranks = ConstrainedRanking.Ranks(candidates);
        var elite = new List<Individual>(size);
        List<int>? last = null;
        var taken = new List<int>();
        foreach (var front in ConstrainedRanking.Fronts(candidates, ranks))
        {
            if (elite.Count + front.Count <= size)
            {
                elite.AddRange(front.Select(i => candidates[i]));
                taken.AddRange(front);
                if (elite.Count == size)
                {
                    return [.. elite];
                }

                continue;
            }

            last = front;
            break;
        }

        if (last is null)
        {
            return [.. elite];
        }

        var all = taken.Concat(last).ToArray();
        var points = all.Select(i => candidates[i].Objectives).ToArray();
        var firstFront = all.Select(i => ranks[i] == ranks[all[0]]).ToArray();
        var normalized = ObjectiveNormalization.Normalize(points, firstFront);
        var references = PointsFor(objectives);
        var (nearest, distance) = Associate(normalized, references);
        var chosen = Niche(taken.Count, last.Count, size - elite.Count, nearest, distance, references.Count, i => candidates[all[i]].Number, random);
        elite.AddRange(chosen.Select(k => candidates[last[k]]));
        return [.. elite];
    }

    public bool Wins(Population population, int a, int b, SeededRandom random)
    {
        var first = population.Members[a];
        var second = population.Members[b];
        if (Individual.ConstrainedDominates(first, second))
        {
            return true;
        }

        return !Individual.ConstrainedDominates(second, first) && random.NextDouble() < 0.5;
    }

    /// <summary>For each point, the nearest reference direction and the perpendicular distance to it.</summary>
    internal static (int[] Nearest, double[] Distance) Associate(IReadOnlyList<double[]> normalized, IReadOnlyList<double[]> references)
    {
        var nearest = new int[normalized.Count];
        var distance = new double[normalized.Count];
        var norms = references.Select(w => w.Sum(v => v * v)).ToArray();
        for (var i = 0; i < normalized.Count; i++)
        {
            var f = normalized[i];
            var squared = f.Sum(v => v * v);
            var best = double.PositiveInfinity;
            for (var r = 0; r < references.Count; r++)
            {
                var w = references[r];
                var dot = 0.0;
                for (var j = 0; j < f.Length; j++)
                {
                    dot += f[j] * w[j];
                }

                var d = Math.Max(0, squared - (dot * dot / norms[r]));
                if (d < best)
                {
                    best = d;
                    nearest[i] = r;
                }
            }

            distance[i] = Math.Sqrt(best);
        }

        return (nearest, distance);
    }

    /// <summary>
    /// Niche-preserving selection of <paramref name="count"/> members of the last front. Points
    /// 0 … <paramref name="survivors"/> − 1 have survived already; points <paramref name="survivors"/> …
    /// <paramref name="survivors"/> + <paramref name="candidates"/> − 1 are the last front. Returns the chosen
    /// last-front indices (0-based within the front) in order of choice.
    /// </summary>
    internal static List<int> Niche(
        int survivors, int candidates, int count, int[] nearest, double[] distance, int referenceCount, Func<int, int> number, SeededRandom random)
    {
        var niche = new int[referenceCount];
        for (var i = 0; i < survivors; i++)
        {
            niche[nearest[i]]++;
        }

        var members = new List<int>[referenceCount];
        for (var k = 0; k < candidates; k++)
        {
            (members[nearest[survivors + k]] ??= []).Add(k);
        }

        var active = new List<int>();
        for (var r = 0; r < referenceCount; r++)
        {
            active.Add(r);
        }

        var chosen = new List<int>(count);
        var least = new List<int>();
        while (chosen.Count < count)
        {
            least.Clear();
            var min = int.MaxValue;
            foreach (var r in active)
            {
                if (niche[r] < min)
                {
                    min = niche[r];
                    least.Clear();
                }

                if (niche[r] == min)
                {
                    least.Add(r);
                }
            }

            var j = least[random.NextInt32(least.Count)];
            var pool = members[j];
            if (pool is null || pool.Count == 0)
            {
                active.Remove(j);
                continue;
            }

            int pick;
            if (niche[j] == 0)
            {
                pick = 0;
                for (var p = 1; p < pool.Count; p++)
                {
                    var better = distance[survivors + pool[p]].CompareTo(distance[survivors + pool[pick]]);
                    if (better < 0 || (better == 0 && number(survivors + pool[p]) < number(survivors + pool[pick])))
                    {
                        pick = p;
                    }
                }
            }
            else
            {
                pick = random.NextInt32(pool.Count);
            }

            chosen.Add(pool[pick]);
            pool.RemoveAt(pick);
            niche[j]++;
        }

        return chosen;
    }
}
