namespace Attune.LearningRate;

/// <summary>
/// The learning-rate range test: trains one mini-batch per step while the learning rate grows geometrically from
/// <see cref="LearningRateFinderOptions.MinLearningRate"/> to <see cref="LearningRateFinderOptions.MaxLearningRate"/>,
/// records the smoothed loss, stops once the loss diverges, and suggests a learning rate from the curve.
/// </summary>
/// <remarks>
/// The training step changes the model, so run the test on a copy (or re-initialize the model afterwards) before
/// training with the suggested rate. Narrow a study's search range with <see cref="LearningRateFinderResult.SuggestRange(double)"/>.
/// </remarks>
public sealed class LearningRateFinder
{
    private readonly LearningRateFinderOptions options;

    /// <summary>Creates a finder with the default options (1e-7 to 10 over 100 steps).</summary>
    public LearningRateFinder()
        : this(new LearningRateFinderOptions())
    {
    }

    /// <summary>Creates a finder.</summary>
    /// <param name="options">The sweep's options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range (e.g. minimum not below maximum, fewer than 2 steps).</exception>
    public LearningRateFinder(LearningRateFinderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
    }

    /// <summary>The sweep's options.</summary>
    public LearningRateFinderOptions Options => options;

    /// <summary>Runs the sweep.</summary>
    /// <param name="trainStep">
    /// Trains one mini-batch with the given learning rate (the second argument is the step index, from 0) and returns
    /// the mini-batch's loss.
    /// </param>
    /// <returns>The loss curve and the suggestions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainStep"/> is null.</exception>
    public LearningRateFinderResult Run(Func<double, int, double> trainStep)
    {
        ArgumentNullException.ThrowIfNull(trainStep);
        var recorder = new LossCurveRecorder(options);
        for (var step = 0; step < options.Steps; step++)
        {
            var rate = recorder.RateAt(step);
            if (!recorder.Record(rate, trainStep(rate, step)))
            {
                break;
            }
        }

        return recorder.ToResult();
    }

    /// <summary>Runs the sweep with an asynchronous training step.</summary>
    /// <param name="trainStep">
    /// Trains one mini-batch with the given learning rate (the second argument is the step index, from 0) and returns
    /// the mini-batch's loss; it receives <paramref name="cancellationToken"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the sweep between steps (and is handed to each step).</param>
    /// <returns>The loss curve and the suggestions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainStep"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<LearningRateFinderResult> RunAsync(
        Func<double, int, CancellationToken, Task<double>> trainStep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainStep);
        var recorder = new LossCurveRecorder(options);
        for (var step = 0; step < options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rate = recorder.RateAt(step);
            var loss = await trainStep(rate, step, cancellationToken).ConfigureAwait(false);
            if (!recorder.Record(rate, loss))
            {
                break;
            }
        }

        return recorder.ToResult();
    }
}
