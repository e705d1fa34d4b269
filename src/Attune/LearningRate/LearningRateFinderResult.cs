namespace Attune.LearningRate;

/// <summary>
/// The outcome of a learning-rate range test: the loss curve, for plotting, and the learning rates that two rules
/// read off it.
/// </summary>
/// <param name="LearningRates">The learning rate of each step that ran, increasing geometrically.</param>
/// <param name="Losses">The loss each step returned (the last may be NaN or infinite when that ended the sweep).</param>
/// <param name="SmoothedLosses">The bias-corrected exponential moving average of <paramref name="Losses"/> (NaN after a non-finite loss).</param>
/// <param name="SteepestLearningRate">
/// The "steepest descent" suggestion: the rate where the smoothed loss falls fastest against log learning rate;
/// <see langword="null"/> when fewer than two points precede the end of the sweep.
/// </param>
/// <param name="ValleyLearningRate">
/// The "valley" suggestion: a rate part way down the longest descending stretch of the smoothed loss
/// (see <see cref="LearningRateFinderOptions.ValleyPosition"/>); <see langword="null"/> as for <paramref name="SteepestLearningRate"/>.
/// </param>
/// <param name="MinimumLossLearningRate">The rate with the lowest smoothed loss, where the loss stops falling; <see langword="null"/> as above.</param>
/// <param name="StopReason">Why the sweep ended.</param>
public sealed record LearningRateFinderResult(
    IReadOnlyList<double> LearningRates,
    IReadOnlyList<double> Losses,
    IReadOnlyList<double> SmoothedLosses,
    double? SteepestLearningRate,
    double? ValleyLearningRate,
    double? MinimumLossLearningRate,
    LearningRateStopReason StopReason)
{
    /// <summary>The suggested learning rate: <see cref="ValleyLearningRate"/>, which is more robust to noise than <see cref="SteepestLearningRate"/>.</summary>
    /// <exception cref="InvalidOperationException">The sweep ended before it had two usable points.</exception>
    public double SuggestedLearningRate => ValleyLearningRate ?? throw NoSuggestion();

    /// <summary>
    /// A learning-rate range to search in a study, around the suggestion: from <paramref name="decadesBelow"/> decades
    /// below <see cref="SuggestedLearningRate"/> to <see cref="MinimumLossLearningRate"/>, where the loss starts to
    /// rise (or one decade above the suggestion when that point does not lie above it). Use it as
    /// <c>trial.SuggestFloat("lr", low, high, log: true)</c>.
    /// </summary>
    /// <param name="decadesBelow">How many powers of ten below the suggestion the range starts; default 1. Must be non-negative and finite.</param>
    /// <returns>The bounds, low below high.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decadesBelow"/> is negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">The sweep ended before it had two usable points.</exception>
    public (double Low, double High) SuggestRange(double decadesBelow = 1.0)
    {
        if (!(decadesBelow >= 0.0) || !double.IsFinite(decadesBelow))
        {
            throw new ArgumentOutOfRangeException(nameof(decadesBelow), decadesBelow, "The number of decades below the suggestion must be non-negative and finite.");
        }

        var suggestion = SuggestedLearningRate;
        var rising = MinimumLossLearningRate ?? throw NoSuggestion();
        var high = rising > suggestion ? rising : suggestion * 10.0;
        return (suggestion / Math.Pow(10.0, decadesBelow), high);
    }

    private InvalidOperationException NoSuggestion() => new(
        $"The sweep ended ({StopReason}) after {Losses.Count} step(s), too early to suggest a learning rate; lower the minimum learning rate or raise the divergence factor.");
}
