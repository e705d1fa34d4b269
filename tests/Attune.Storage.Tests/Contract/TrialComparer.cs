namespace Attune.Storage.Tests.Contract;

/// <summary>Compares trial snapshots by content (records hold dictionaries, whose equality is by reference).</summary>
internal sealed class TrialComparer : IEqualityComparer<TrialRecord>
{
    public static readonly TrialComparer Instance = new();

    public bool Equals(TrialRecord? x, TrialRecord? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        return x.TrialId == y.TrialId
            && x.Number == y.Number
            && x.State == y.State
            && (x.Values ?? []).SequenceEqual(y.Values ?? [])
            && x.InternalParams.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(y.InternalParams.OrderBy(p => p.Key, StringComparer.Ordinal))
            && x.Distributions.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(y.Distributions.OrderBy(p => p.Key, StringComparer.Ordinal))
            && x.IntermediateValues.Keys.SequenceEqual(y.IntermediateValues.Keys)
            && x.UserAttrs.Keys.Order(StringComparer.Ordinal).SequenceEqual(y.UserAttrs.Keys.Order(StringComparer.Ordinal))
            && x.SystemAttrs.Keys.Order(StringComparer.Ordinal).SequenceEqual(y.SystemAttrs.Keys.Order(StringComparer.Ordinal))
            && x.StartedAt == y.StartedAt
            && x.CompletedAt == y.CompletedAt;
    }

    public int GetHashCode(TrialRecord obj) => obj.TrialId;
}
