namespace Attune.Samplers;

/// <summary>
/// The parameters that every complete trial has, with the same distribution in all of them (Optuna's
/// intersection search space), kept up to date one trial at a time. Parameters with a single value are
/// left out: there is nothing to breed.
/// </summary>
internal sealed class IntersectionSpace
{
    private static readonly IReadOnlyDictionary<string, Distribution> Empty = new Dictionary<string, Distribution>();

    private Dictionary<string, Distribution>? common;

    /// <summary>The current space (a snapshot that is replaced, never changed, when the space shrinks).</summary>
    public IReadOnlyDictionary<string, Distribution> Current { get; private set; } = Empty;

    /// <summary>Intersects the space with a complete trial's parameters.</summary>
    public void Add(TrialRecord trial)
    {
        if (common is null)
        {
            common = new Dictionary<string, Distribution>(trial.Distributions, StringComparer.Ordinal);
            Publish();
            return;
        }

        List<string>? gone = null;
        foreach (var (name, distribution) in common)
        {
            if (!trial.Distributions.TryGetValue(name, out var other) || !other.Equals(distribution))
            {
                (gone ??= []).Add(name);
            }
        }

        if (gone is not null)
        {
            foreach (var name in gone)
            {
                common.Remove(name);
            }

            Publish();
        }
    }

    private void Publish()
    {
        var space = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, distribution) in common!)
        {
            if (!distribution.IsSingle)
            {
                space[name] = distribution;
            }
        }

        Current = space;
    }
}
