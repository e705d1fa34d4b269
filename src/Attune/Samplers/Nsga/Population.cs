namespace Attune.Samplers;

/// <summary>
/// The elite population that breeds a generation: its members with their rank under constrained
/// domination and their crowding distance within their front, both computed on the population alone.
/// Immutable once built, so workers read it without locks.
/// </summary>
internal sealed class Population
{
    public Population(int generation, Individual[] members)
    {
        Generation = generation;
        Members = members;
        Rank = ConstrainedRanking.Ranks(members);
        Crowding = new double[members.Length];
        foreach (var front in ConstrainedRanking.Fronts(members, Rank))
        {
            var distances = CrowdingDistance.Compute(front.Select(i => members[i].Objectives).ToArray());
            for (var k = 0; k < front.Count; k++)
            {
                Crowding[front[k]] = distances[k];
            }
        }
    }

    /// <summary>The generation whose survivors these are (the children they breed belong to <c>Generation + 1</c>).</summary>
    public int Generation { get; }

    public Individual[] Members { get; }

    public int[] Rank { get; }

    public double[] Crowding { get; }

    /// <summary>The members that have every parameter of <paramref name="space"/>, cached for the last space asked about.</summary>
    public int[] Covering(UnitSpace space)
    {
        if (covering is { } cached && ReferenceEquals(cached.Space, space))
        {
            return cached.Members;
        }

        var members = new List<int>(Members.Length);
        for (var i = 0; i < Members.Length; i++)
        {
            if (space.Covers(Members[i].Trial))
            {
                members.Add(i);
            }
        }

        var result = members.ToArray();
        covering = new CoveringCache(space, result);
        return result;
    }

    private sealed record CoveringCache(UnitSpace Space, int[] Members);

    private volatile CoveringCache? covering;
}
