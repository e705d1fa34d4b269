namespace Attune.Cli;

/// <summary>Named distributions in file order: what <c>attune run</c> suggests for each trial and <c>attune ask</c> asks for.</summary>
/// <param name="Parameters">Name and distribution of each parameter, in order.</param>
internal sealed record SearchSpace(IReadOnlyList<KeyValuePair<string, Distribution>> Parameters)
{
    public IReadOnlyDictionary<string, Distribution> ToDictionary() =>
        Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
