namespace Attune.LearningRate;

/// <summary>
/// The state of one sweep: the schedule of learning rates, the raw and smoothed losses recorded so far, and the
/// stopping rule. Shared by the synchronous and asynchronous sweeps.
/// </summary>
internal sealed class LossCurveRecorder
{
    private readonly LearningRateFinderOptions options;
    private readonly List<double> rates;
    private readonly List<double> losses;
    private readonly List<double> smoothed;
    private double average;
    private double best = double.PositiveInfinity;

    public LossCurveRecorder(LearningRateFinderOptions options)
    {
        this.options = options;
        rates = new List<double>(options.Steps);
        losses = new List<double>(options.Steps);
        smoothed = new List<double>(options.Steps);
    }

    /// <summary>Why the sweep ended; <see cref="LearningRateStopReason.Completed"/> until it stops early.</summary>
    public LearningRateStopReason StopReason { get; private set; } = LearningRateStopReason.Completed;

    /// <summary>The learning rate of step <paramref name="step"/>: geometric from the minimum to the maximum.</summary>
    /// <param name="step">The step index, 0 to <c>Steps - 1</c>.</param>
    /// <returns>The learning rate.</returns>
    public double RateAt(int step)
    {
        var ratio = options.MaxLearningRate / options.MinLearningRate;
        return step == options.Steps - 1
            ? options.MaxLearningRate
            : options.MinLearningRate * Math.Pow(ratio, step / (double)(options.Steps - 1));
    }

    /// <summary>Records the loss of one step.</summary>
    /// <param name="rate">The learning rate the step used.</param>
    /// <param name="loss">The loss it returned.</param>
    /// <returns>Whether the sweep goes on.</returns>
    public bool Record(double rate, double loss)
    {
        rates.Add(rate);
        losses.Add(loss);
        if (!double.IsFinite(loss))
        {
            smoothed.Add(double.NaN);
            StopReason = LearningRateStopReason.NonFiniteLoss;
            return false;
        }

        var beta = options.Smoothing;
        average = (beta * average) + ((1.0 - beta) * loss);
        var value = beta == 0.0 ? loss : average / (1.0 - Math.Pow(beta, losses.Count));
        smoothed.Add(value);
        if (losses.Count > 1 && value > options.DivergenceFactor * best)
        {
            StopReason = LearningRateStopReason.Diverged;
            return false;
        }

        best = Math.Min(best, value);
        return true;
    }

    /// <summary>The result of the sweep so far.</summary>
    /// <returns>The curve and the suggestions read from it.</returns>
    public LearningRateFinderResult ToResult()
        => LossCurveAnalysis.Analyze(rates.ToArray(), losses.ToArray(), smoothed.ToArray(), StopReason, options);
}
