namespace Attune.Samplers;

/// <summary>
/// Where CMA-ES starts when it takes over a numerical study from the Gaussian process: at the best
/// trial, with a step size equal to the spread of the best trials around it. The Gaussian process
/// leaves its best trials clustered around the optimum it found, so CMA-ES refines that region instead
/// of searching the whole space again.
/// </summary>
internal static class CmaEsHandover
{
    private const double MinSigma = 1e-4;

    /// <summary>The options of the CMA-ES sampler that continues the study.</summary>
    /// <param name="trials">The study's trials.</param>
    /// <param name="direction">The study's direction.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Options with <see cref="CmaEsSamplerOptions.X0"/> and <see cref="CmaEsSamplerOptions.Sigma0"/> set, or without them when no trial is complete.</returns>
    public static CmaEsSamplerOptions Options(IReadOnlyList<TrialRecord> trials, StudyDirection direction, int seed)
    {
        var options = new CmaEsSamplerOptions { Seed = seed, WarnIndependentSampling = false };
        var sign = direction == StudyDirection.Maximize ? -1.0 : 1.0;
        var ranked = trials
            .Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v))
            .OrderBy(t => sign * t.Value!.Value)
            .ThenBy(t => t.Number)
            .ToArray();
        if (ranked.Length == 0)
        {
            return options;
        }

        var best = ranked[0];
        var top = Math.Max(2, (int)Math.Ceiling(0.1 * ranked.Length));
        double sum = 0;
        var count = 0;
        foreach (var trial in ranked.Skip(1).Take(top - 1))
        {
            foreach (var (name, distribution) in best.Distributions)
            {
                if (distribution is CategoricalDistribution
                    || !trial.InternalParams.TryGetValue(name, out var value)
                    || !trial.Distributions.TryGetValue(name, out var other)
                    || !other.Equals(distribution))
                {
                    continue;
                }

                var d = UnitInterval.ToUnit(value, distribution) - UnitInterval.ToUnit(best.InternalParams[name], distribution);
                sum += d * d;
                count++;
            }
        }

        var sigma = count == 0 ? CmaInitialState.DefaultSigma0 : Math.Clamp(Math.Sqrt(sum / count), MinSigma, CmaInitialState.DefaultSigma0);
        return options with { X0 = best.Params, Sigma0 = sigma };
    }
}
