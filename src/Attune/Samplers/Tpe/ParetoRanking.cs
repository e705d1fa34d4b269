using Attune.MultiObjective;

namespace Attune.Samplers.Tpe;

/// <summary>
/// Non-domination ranks of a study's feasible complete trials (losses, minimised), kept for the first
/// few fronts only — the "elite" trials with rank below a level L, which is all a TPE split ever reads.
/// The elite set is closed under domination (every dominator of an elite point is elite), so ranks
/// computed within it are the ranks in the whole study, and a new point's rank within it decides
/// whether the point is elite. Adding a point costs O(elite · objectives) unless it enters the elite;
/// the whole study is re-ranked only when the elite no longer holds enough points for a split.
/// </summary>
internal sealed class ParetoRanking
{
    private readonly int objectives;
    private readonly List<int> numbers = [];
    private readonly List<double[]> points = [];
    private readonly Dictionary<int, int> indexOf = [];
    private List<int> elite = [];
    private int[] eliteRanks = [];
    private int levels = 1;
    private int wanted = 50;

    public ParetoRanking(int objectives)
    {
        this.objectives = objectives;
    }

    /// <summary>The number of points.</summary>
    public int Count => points.Count;

    /// <summary>Whether point <paramref name="a"/> dominates <paramref name="b"/> (≤ everywhere, &lt; somewhere).</summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var strictly = false;
        for (var k = 0; k < a.Length; k++)
        {
            if (a[k] > b[k])
            {
                return false;
            }

            strictly |= a[k] < b[k];
        }

        return strictly;
    }

    /// <summary>Adds a feasible complete trial's losses.</summary>
    public void Add(int trialNumber, ReadOnlySpan<double> loss)
    {
        var index = points.Count;
        indexOf[trialNumber] = index;
        numbers.Add(trialNumber);
        points.Add(loss.ToArray());
        var rank = 0;
        var dominatesElite = false;
        for (var i = 0; i < elite.Count; i++)
        {
            var other = points[elite[i]];
            if (eliteRanks[i] >= rank && Dominates(other, loss))
            {
                rank = eliteRanks[i] + 1;
            }
            else if (!dominatesElite && Dominates(loss, other))
            {
                dominatesElite = true;
            }
        }

        if (rank >= levels)
        {
            // Outside the first fronts (and then it cannot dominate an elite point either).
            return;
        }

        if (!dominatesElite)
        {
            // Nothing it dominates changes rank: it joins its front.
            elite.Add(index);
            Array.Resize(ref eliteRanks, elite.Count);
            eliteRanks[^1] = rank;
            return;
        }

        var members = new List<int>(elite.Count + 1);
        members.AddRange(elite);
        members.Add(index);
        SetElite(members);
    }

    /// <summary>
    /// The fronts that hold the best <paramref name="count"/> points: every front wholly inside them,
    /// then the boundary front from which only some are taken. Trial numbers, ascending within fronts.
    /// </summary>
    public (List<int> Whole, List<int> Boundary) Best(int count)
    {
        count = Math.Min(count, points.Count);
        if (count == 0)
        {
            return ([], []);
        }

        if (elite.Count < count || count * 2 > wanted)
        {
            wanted = Math.Max(2 * count, 50);
            Rebuild();
        }

        var whole = new List<int>();
        var boundary = new List<int>();
        for (var level = 0; whole.Count < count; level++)
        {
            var front = new List<int>();
            for (var i = 0; i < elite.Count; i++)
            {
                if (eliteRanks[i] == level)
                {
                    front.Add(elite[i]);
                }
            }

            if (whole.Count + front.Count <= count)
            {
                whole.AddRange(front);
            }
            else
            {
                boundary = front;
                break;
            }
        }

        return (ToNumbers(whole), ToNumbers(boundary));
    }

    /// <summary>Whether the trial was added here (is a feasible complete trial).</summary>
    public bool Contains(int trialNumber) => indexOf.ContainsKey(trialNumber);

    /// <summary>The losses of a trial added here.</summary>
    public double[] Loss(int trialNumber) => points[indexOf[trialNumber]];

    private List<int> ToNumbers(List<int> indices)
    {
        var result = new List<int>(indices.Count);
        foreach (var i in indices)
        {
            result.Add(numbers[i]);
        }

        result.Sort();
        return result;
    }

    /// <summary>Ranks <paramref name="members"/> (a domination-closed set) and keeps those below the current level.</summary>
    private void SetElite(List<int> members)
    {
        var memberPoints = new List<double[]>(members.Count);
        foreach (var i in members)
        {
            memberPoints.Add(points[i]);
        }

        var ranks = ParetoFront.NonDominatedRanks(memberPoints);
        var kept = new List<int>(members.Count);
        var keptRanks = new List<int>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            if (ranks[i] < levels)
            {
                kept.Add(members[i]);
                keptRanks.Add(ranks[i]);
            }
        }

        elite = kept;
        eliteRanks = [.. keptRanks];
        if (elite.Count > 4 * wanted && levels > 1)
        {
            // Keep the elite small: drop whole fronts beyond those needed to hold the wanted points.
            var perLevel = new int[levels];
            foreach (var r in eliteRanks)
            {
                perLevel[r]++;
            }

            var covered = 0;
            var needed = 0;
            while (needed < levels && covered < wanted)
            {
                covered += perLevel[needed++];
            }

            if (needed < levels)
            {
                levels = needed;
                var k = 0;
                for (var i = 0; i < elite.Count; i++)
                {
                    if (eliteRanks[i] < levels)
                    {
                        elite[k] = elite[i];
                        eliteRanks[k] = eliteRanks[i];
                        k++;
                    }
                }

                elite.RemoveRange(k, elite.Count - k);
                Array.Resize(ref eliteRanks, k);
            }
        }
    }

    /// <summary>Peels fronts off all points until they hold <see cref="wanted"/> points, and makes them the elite.</summary>
    private void Rebuild()
    {
        var order = new int[points.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Lexicographic order: a point can only be dominated by points before it.
        Array.Sort(order, (x, y) =>
        {
            for (var k = 0; k < objectives; k++)
            {
                var c = points[x][k].CompareTo(points[y][k]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.CompareTo(y);
        });

        var remaining = new List<int>(order);
        var members = new List<int>();
        levels = 0;
        while (remaining.Count > 0 && members.Count < wanted)
        {
            var front = new List<int>();
            var rest = new List<int>(remaining.Count);
            foreach (var i in remaining)
            {
                var dominated = false;
                foreach (var f in front)
                {
                    if (Dominates(points[f], points[i]))
                    {
                        dominated = true;
                        break;
                    }
                }

                (dominated ? rest : front).Add(i);
            }

            members.AddRange(front);
            remaining = rest;
            levels++;
        }

        SetElite(members);
    }
}
