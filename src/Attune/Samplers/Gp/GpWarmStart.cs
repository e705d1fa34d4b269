namespace Attune.Samplers;

/// <summary>
/// Warm starting of <see cref="GpSampler"/>: the study's warm-start trials (<see cref="Study.WarmStartTrials"/>) join
/// the training data as extra observations with more noise than the study's own, noise that grows as the study's own
/// trials accumulate, so that they guide the first trials and fade later.
/// </summary>
internal static class GpWarmStart
{
    /// <summary>The training data with the warm-start trials that fit the space prepended, numbered −1, −2, ….</summary>
    /// <param name="data">The study's own data (single objective, no constraints).</param>
    /// <param name="trials">The warm-start trials, values signed for the study's direction.</param>
    /// <param name="direction">The study's direction.</param>
    /// <returns>The combined data, or <paramref name="data"/> when no warm-start trial fits.</returns>
    public static GpTrainingData Augment(GpTrainingData data, IReadOnlyList<TrialRecord> trials, StudyDirection direction)
    {
        var space = data.Space;
        var d = space.Count;
        var numbers = new List<int>();
        var x = new List<double>();
        var values = new List<double>();
        var point = new double[d];
        foreach (var trial in trials)
        {
            if (trial.Values is not { Count: 1 } v || !Fits(trial, space))
            {
                continue;
            }

            space.Encode(trial.InternalParams, point);
            numbers.Add(-1 - numbers.Count);
            x.AddRange(point);
            values.Add(direction == StudyDirection.Maximize ? v[0] : -v[0]);
        }

        return numbers.Count == 0 ? data : data.Prepend(numbers, [.. x], [.. values]);
    }

    /// <summary>The extra noise variance (standardized units) of warm-start rows, for a row number: 0 for the study's own.</summary>
    /// <param name="options">The sampler's options.</param>
    /// <param name="ownTrials">How many complete trials the study has.</param>
    /// <returns>Row number → extra variance: <see cref="GpSamplerOptions.WarmStartNoise"/>·2^(n / <see cref="GpSamplerOptions.WarmStartDecayTrials"/>).</returns>
    public static Func<int, double> Noise(GpSamplerOptions options, int ownTrials)
    {
        var noise = options.WarmStartNoise * Math.Pow(2, ownTrials / (double)options.WarmStartDecayTrials);
        return number => number < 0 ? noise : 0;
    }

    private static bool Fits(TrialRecord trial, GpSearchSpace space)
    {
        for (var i = 0; i < space.Count; i++)
        {
            var name = space.Names[i];
            var target = space.Distribution(i);
            if (!trial.InternalParams.TryGetValue(name, out var value) || !trial.Distributions.TryGetValue(name, out var source))
            {
                return false;
            }

            if (!WarmStartSource.Admits(target, source, value))
            {
                return false;
            }
        }

        return true;
    }
}
