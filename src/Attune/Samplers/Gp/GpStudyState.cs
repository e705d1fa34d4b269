using System.Collections.Concurrent;

namespace Attune.Samplers;

/// <summary>
/// What a <see cref="GpSampler"/> keeps about one study in memory: the models it extends between
/// trials (a cache that any process can rebuild from the trials), the trials whose sampling it
/// delegated during startup, and the parameters it has warned about.
/// </summary>
internal sealed class GpStudyState
{
    private readonly Dictionary<string, GpModelCache> models = new(StringComparer.Ordinal);

    /// <summary>Serializes sampling decisions of the study within this process: a worker sees the points the others picked before it.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The search space the models were built on; a change discards them.</summary>
    public IReadOnlyDictionary<string, Distribution>? Space { get; private set; }

    /// <summary>Trials whose relative sampling was delegated to the independent sampler.</summary>
    public ConcurrentDictionary<int, byte> Startup { get; } = new();

    /// <summary>Parameters already warned about.</summary>
    public ConcurrentDictionary<string, byte> Warned { get; } = new(StringComparer.Ordinal);

    /// <summary>The cache of a model, discarding all of them when the search space changed.</summary>
    /// <param name="space">The current search space.</param>
    /// <param name="name">The model's name (e.g. "objective 0", "constraint 1").</param>
    /// <returns>The cache.</returns>
    public GpModelCache Model(IReadOnlyDictionary<string, Distribution> space, string name)
    {
        if (Space is null || !SameSpace(Space, space))
        {
            models.Clear();
            Space = new Dictionary<string, Distribution>(space, StringComparer.Ordinal);
        }

        if (!models.TryGetValue(name, out var cache))
        {
            cache = new GpModelCache();
            models[name] = cache;
        }

        return cache;
    }

    private static bool SameSpace(IReadOnlyDictionary<string, Distribution> a, IReadOnlyDictionary<string, Distribution> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (name, distribution) in a)
        {
            if (!b.TryGetValue(name, out var other) || !distribution.Equals(other))
            {
                return false;
            }
        }

        return true;
    }
}
