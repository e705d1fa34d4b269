namespace Attune.Samplers;

/// <summary>
/// A trial's hold on a candidate, kept in its system attribute <see cref="CmaEsSampler.CandidateKey"/>:
/// <c>{"version": 1, "generation": g, "slot": k, "draw": a, "x": […], "u": […]?}</c>. Slot k of
/// generation g is a member of that generation's population; draw a counts the earlier holders of the
/// slot that failed (each failure gets a fresh sample). Slot −1 marks an overflow trial, which started
/// when every slot was taken; it is sampled from the same distribution (draw = its trial number) and is
/// carried into the next generation. x is the sample in [0, 1]ⁿ the distribution learns from; u, present
/// only when it differs (discrete parameters under margin), is the point that was evaluated.
/// </summary>
/// <param name="Trial">The trial number.</param>
/// <param name="Generation">The global generation.</param>
/// <param name="Slot">The slot, or −1 for overflow.</param>
/// <param name="Draw">The draw.</param>
/// <param name="X">The sample.</param>
/// <param name="U">The evaluated point, when it differs from the sample.</param>
internal sealed record CmaClaim(int Trial, long Generation, int Slot, int Draw, double[] X, double[]? U)
{
    /// <summary>The format version of the attribute.</summary>
    public const long Version = 1;

    /// <summary>The slot of an overflow trial.</summary>
    public const int Overflow = -1;

    /// <summary>The evaluated point.</summary>
    public double[] Evaluated => U ?? X;

    /// <summary>The attribute value of the claim.</summary>
    /// <returns>A JSON-like dictionary.</returns>
    public Dictionary<string, object?> ToAttribute()
    {
        var value = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["version"] = Version,
            ["generation"] = Generation,
            ["slot"] = (long)Slot,
            ["draw"] = (long)Draw,
            ["x"] = X.Select(v => (object?)v).ToList(),
        };
        if (U is not null)
        {
            value["u"] = U.Select(v => (object?)v).ToList();
        }

        return value;
    }

    /// <summary>Reads the claim of a trial, if it has a readable one.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The claim, or <see langword="null"/>.</returns>
    public static CmaClaim? Of(TrialRecord trial)
    {
        if (!trial.SystemAttrs.TryGetValue(CmaEsSampler.CandidateKey, out var value)
            || value is not IReadOnlyDictionary<string, object?> map
            || !map.TryGetValue("version", out var version) || version is not Version
            || !map.TryGetValue("generation", out var generation) || generation is not long g
            || !map.TryGetValue("slot", out var slot) || slot is not long k
            || !map.TryGetValue("draw", out var draw) || draw is not long a
            || !map.TryGetValue("x", out var x) || ToArray(x) is not { } sample)
        {
            return null;
        }

        var evaluated = map.TryGetValue("u", out var u) ? ToArray(u) : null;
        return new CmaClaim(trial.Number, g, (int)k, (int)a, sample, evaluated);
    }

    private static double[]? ToArray(object? value)
    {
        if (value is not IReadOnlyList<object?> list)
        {
            return null;
        }

        var result = new double[list.Count];
        for (var i = 0; i < result.Length; i++)
        {
            switch (list[i])
            {
                case double d:
                    result[i] = d;
                    break;
                case long l:
                    result[i] = l;
                    break;
                default:
                    return null;
            }
        }

        return result;
    }
}
