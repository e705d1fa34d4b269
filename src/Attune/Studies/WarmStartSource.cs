using Attune.Storage;

namespace Attune;

/// <summary>
/// An earlier study whose complete trials warm-start a new one (<see cref="StudyOptions.WarmStartFrom"/>): a
/// <see cref="Study"/> object, a study by name in a storage, or trials in hand. Create one with
/// <see cref="From(Study)"/>, <see cref="From(string, string)"/>, <see cref="From(string, IStorage)"/> or
/// <see cref="From(IReadOnlyList{TrialRecord}, StudyDirection)"/>; a <see cref="Study"/> converts implicitly.
/// </summary>
public sealed class WarmStartSource
{
    private readonly Func<(IReadOnlyList<TrialRecord> Trials, StudyDirection Direction)> read;

    private WarmStartSource(string description, Func<(IReadOnlyList<TrialRecord> Trials, StudyDirection Direction)> read)
    {
        Description = description;
        this.read = read;
    }

    /// <summary>What the source is, for messages.</summary>
    public string Description { get; }

    /// <summary>Converts a study into a source; see <see cref="From(Study)"/>.</summary>
    /// <param name="study">The study.</param>
    public static implicit operator WarmStartSource(Study study) => From(study);

    /// <summary>The trials of a study object, read when the new study is created.</summary>
    /// <param name="study">A single-objective study.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    public static WarmStartSource From(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return new WarmStartSource($"study '{study.Name}'", () => (study.GetTrials(TrialState.Complete), SingleDirection(study.Directions, study.Name)));
    }

    /// <summary>The trials of the study <paramref name="name"/> in the storage at <paramref name="storage"/>, opened and closed when the new study is created.</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="storage">The storage URL.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="storage"/> is null or empty.</exception>
    public static WarmStartSource From(string name, string storage)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(storage);
        return new WarmStartSource($"study '{name}' in '{storage}'", () =>
        {
            using var study = Study.Load(name, storage);
            return (study.GetTrials(TrialState.Complete), SingleDirection(study.Directions, name));
        });
    }

    /// <summary>The trials of the study <paramref name="name"/> in a storage object (which stays open).</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="storage">The storage.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static WarmStartSource From(string name, IStorage storage)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(storage);
        return new WarmStartSource($"study '{name}'", () =>
        {
            var study = Study.Load(name, storage);
            return (study.GetTrials(TrialState.Complete), SingleDirection(study.Directions, name));
        });
    }

    /// <summary>Trials in hand, e.g. exported from another tool.</summary>
    /// <param name="trials">The trials; only complete ones with one value are used.</param>
    /// <param name="direction">The direction their values were optimized in.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trials"/> is null.</exception>
    public static WarmStartSource From(IReadOnlyList<TrialRecord> trials, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return new WarmStartSource($"{trials.Count} trials", () => (trials, direction));
    }

    /// <summary>Reads the source's complete single-valued trials, with values signed for <paramref name="direction"/>.</summary>
    /// <param name="direction">The new study's direction.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="StudyNotFoundException">A named study does not exist.</exception>
    /// <exception cref="ArgumentException">The source study has several objectives.</exception>
    internal IEnumerable<TrialRecord> Read(StudyDirection direction)
    {
        var (trials, sourceDirection) = read();
        var flip = sourceDirection != direction;
        foreach (var trial in trials)
        {
            if (trial.State != TrialState.Complete || trial.Values is not { Count: 1 } values || !double.IsFinite(values[0]))
            {
                continue;
            }

            yield return flip ? trial with { Values = [-values[0]] } : trial;
        }
    }

    /// <summary>
    /// Whether a source trial's parameter can stand in a new study's search space: a numerical value of the same kind
    /// of distribution inside the new range, or a categorical parameter with the same choices.
    /// </summary>
    /// <param name="target">The new study's distribution.</param>
    /// <param name="source">The source trial's distribution.</param>
    /// <param name="internalValue">The source trial's internal value.</param>
    /// <returns>Whether the value fits.</returns>
    internal static bool Admits(Distribution target, Distribution source, double internalValue) => target is CategoricalDistribution
        ? source.Equals(target)
        : source.GetType() == target.GetType() && target.Contains(internalValue);

    private static StudyDirection SingleDirection(IReadOnlyList<StudyDirection> directions, string name) => directions.Count == 1
        ? directions[0]
        : throw new ArgumentException($"Study '{name}' has {directions.Count} objectives; warm starting reads single-objective studies only.");
}
