using Attune.Samplers;
using Attune.Tests.Samplers.Tpe;

namespace Attune.Tests.WarmStart;

/// <summary>
/// Measures trials to a target regret on Hartmann6 shifted by 0.04 in every coordinate, starting cold or warm from a
/// source study of Hartmann6 with another shift.
/// </summary>
internal static class WarmStartBench
{
    public const double Shift = 0.04;

    /// <summary>Hartmann6 with its landscape moved by <paramref name="shift"/> (still minimised over [0, 1]⁶, optimum −3.3224).</summary>
    public static double ShiftedHartmann6(Trial trial, double shift)
    {
        var x = new double[6];
        for (var j = 0; j < 6; j++)
        {
            x[j] = trial.SuggestFloat($"x{j}", 0, 1);
        }

        return BenchmarkFunctions.Hartmann6Value(x, shift);
    }

    /// <summary>A finished source study: <paramref name="trials"/> TPE trials on Hartmann6 shifted by <paramref name="shift"/>.</summary>
    public static Study Source(int seed, int trials, double shift = 0)
    {
        // Kernels as wide as Optuna's and no recombination: the source samples broadly around its optimum. With the default's narrower good
        // kernels (GoodBandwidthFactor 0.3) the source sits on its own optimum, which misleads the 0.1 target (docs/samplers.md).
        var source = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed + 1000, GoodBandwidthFactor = 1, Recombination = 0 }) });
        source.Optimize(t => ShiftedHartmann6(t, shift), new OptimizeOptions { Trials = trials });
        return source;
    }

    /// <summary>The number of the first trial (1-based) whose regret is at most <paramref name="regret"/>, or budget + 1.</summary>
    public static int TrialsToTarget(Study study, double regret, int budget)
    {
        study.Optimize(t => ShiftedHartmann6(t, Shift), new OptimizeOptions { Trials = budget });
        var trials = study.Trials;
        for (var i = 0; i < trials.Count; i++)
        {
            if (trials[i].Value is { } v && v - BenchmarkFunctions.Hartmann6Optimum <= regret)
            {
                return i + 1;
            }
        }

        return budget + 1;
    }
}
