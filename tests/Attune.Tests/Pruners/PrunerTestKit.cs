using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Tests.Pruners;

/// <summary>Studies and scripted trials for the pruner tests.</summary>
internal static class PrunerTestKit
{
    public static Study NewStudy(Pruner pruner, StudyDirection direction = StudyDirection.Minimize, string? name = null) =>
        Study.Create(new StudyOptions
        {
            Name = name,
            Direction = direction,
            Pruner = pruner,
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 0 }),
        });

    public static Study NewMultiObjectiveStudy(Pruner pruner, params StudyDirection[] directions) =>
        Study.Create(new StudyOptions
        {
            Directions = directions,
            Pruner = pruner,
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 0 }),
        });

    /// <summary>
    /// Runs one trial that reports <paramref name="value"/>(t) at each of <paramref name="steps"/> and
    /// asks the pruner after each report, as an objective does. Returns the step at which it was
    /// pruned (and tells it Pruned), or -1 when it completed with its last value.
    /// </summary>
    public static long Run(Study study, IEnumerable<long> steps, Func<long, double> value)
    {
        var trial = study.Ask();
        var last = double.NaN;
        foreach (var step in steps)
        {
            last = value(step);
            trial.Report(last, step);
            if (trial.ShouldPrune())
            {
                study.Tell(trial, TrialState.Pruned);
                return step;
            }
        }

        study.Tell(trial, last);
        return -1;
    }

    /// <summary>Runs a trial with values at consecutive steps from 0.</summary>
    public static long Run(Study study, params double[] curve) => Run(study, Steps(0, curve.Length), t => curve[t]);

    /// <summary>The steps from, from + 1, …, below to.</summary>
    public static IEnumerable<long> Steps(long from, long to, long by = 1)
    {
        for (var t = from; t < to; t += by)
        {
            yield return t;
        }
    }
}
