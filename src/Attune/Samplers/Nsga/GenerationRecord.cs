using System.Globalization;

namespace Attune.Samplers;

/// <summary>
/// The study system attribute that fixes a closed generation for every worker, in any process:
/// <c>{"version": 1, "members": [trial numbers], "elite": [trial numbers]}</c> under
/// <c>{prefix}{generation}</c>. <c>members</c> are the generation's trials that competed (the first
/// population-size complete trials tagged with the generation, by number, when it closed); <c>elite</c>
/// are the survivors that breed the next generation.
/// </summary>
internal sealed record GenerationRecord(IReadOnlyList<int> Members, IReadOnlyList<int> Elite)
{
    public static string Key(string prefix, int generation) =>
        prefix + generation.ToString(CultureInfo.InvariantCulture);

    public Dictionary<string, object?> ToAttribute() => new(StringComparer.Ordinal)
    {
        ["version"] = 1L,
        ["members"] = Members.Select(n => (object?)(long)n).ToList(),
        ["elite"] = Elite.Select(n => (object?)(long)n).ToList(),
    };

    /// <summary>Reads the record of a generation; <see langword="null"/> when the study has none.</summary>
    /// <exception cref="InvalidOperationException">The attribute exists but cannot be read.</exception>
    /// <exception cref="NotSupportedException">The attribute has a newer format version.</exception>
    public static GenerationRecord? Read(Study study, IReadOnlyDictionary<string, object?> attrs, string key)
    {
        if (!attrs.TryGetValue(key, out var stored) || stored is null)
        {
            return null;
        }

        if (stored is not IReadOnlyDictionary<string, object?> map || !map.TryGetValue("version", out var version))
        {
            throw Unreadable(study, key);
        }

        if (version is not 1L)
        {
            throw new NotSupportedException(
                $"Study '{study.Name}' has system attribute '{key}' in format version {Convert.ToString(version, CultureInfo.InvariantCulture)}; this version of Attune reads version 1.");
        }

        return new GenerationRecord(Numbers(study, map, "members", key), Numbers(study, map, "elite", key));
    }

    private static int[] Numbers(Study study, IReadOnlyDictionary<string, object?> map, string field, string key)
    {
        if (!map.TryGetValue(field, out var value) || value is not IReadOnlyList<object?> list)
        {
            throw Unreadable(study, key);
        }

        var numbers = new int[list.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = list[i] is long n && n is >= 0 and <= int.MaxValue ? (int)n : throw Unreadable(study, key);
        }

        return numbers;
    }

    private static InvalidOperationException Unreadable(Study study, string key) =>
        new($"Study '{study.Name}' has an unreadable system attribute '{key}'; expected {{\"version\": 1, \"members\": [trial numbers], \"elite\": [trial numbers]}}.");
}
