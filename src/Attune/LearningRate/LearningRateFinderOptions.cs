namespace Attune.LearningRate;

/// <summary>How <see cref="LearningRateFinder"/> sweeps the learning rate and reads the loss curve.</summary>
public sealed record LearningRateFinderOptions
{
    /// <summary>The learning rate of the first step.</summary>
    /// <value>Default 1e-7. Must be positive and finite, and below <see cref="MaxLearningRate"/>.</value>
    public double MinLearningRate { get; init; } = 1e-7;

    /// <summary>The learning rate of the last step; the rates in between grow geometrically.</summary>
    /// <value>Default 10. Must be finite and above <see cref="MinLearningRate"/>.</value>
    public double MaxLearningRate { get; init; } = 10.0;

    /// <summary>How many training steps the sweep runs at most.</summary>
    /// <value>Default 100. Must be at least 2.</value>
    public int Steps { get; init; } = 100;

    /// <summary>The factor of the exponential moving average of the loss (bias-corrected, as in Adam).</summary>
    /// <value>Default 0.98. Must lie in [0, 1); 0 turns smoothing off.</value>
    public double Smoothing { get; init; } = 0.98;

    /// <summary>The sweep stops once the smoothed loss exceeds this multiple of the lowest smoothed loss so far.</summary>
    /// <value>Default 4. Must be above 1, or <see cref="double.PositiveInfinity"/> to stop only on a non-finite loss.</value>
    public double DivergenceFactor { get; init; } = 4.0;

    /// <summary>How many of the first points the suggestions ignore (the smoothed loss settles over them).</summary>
    /// <value>Default 5. Must not be negative.</value>
    public int SkipStart { get; init; } = 5;

    /// <summary>How far down the valley of the loss curve (its descent from the plateau into the minimum) the valley rule picks its rate, from 0 (its top) to 1 (its bottom).</summary>
    /// <value>Default 2/3 (two thirds of the way down the valley, in log learning rate). Must lie in [0, 1].</value>
    public double ValleyPosition { get; init; } = 2.0 / 3.0;

    /// <summary>
    /// How far the smoothed loss must fall below its plateau (the highest loss before the minimum), as a fraction of
    /// the plateau's height above the minimum, before the valley rule counts the descent as begun; noise on a flat
    /// start of the curve stays within it.
    /// </summary>
    /// <value>Default 0.05. Must lie in [0, 1).</value>
    public double ValleyTolerance { get; init; } = 0.05;

    /// <summary>Checks every option against what it allows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside the range its documentation gives.</exception>
    internal void Validate()
    {
        if (!(MinLearningRate > 0.0) || !double.IsFinite(MinLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(MinLearningRate), MinLearningRate, "The minimum learning rate must be positive and finite.");
        }

        if (!double.IsFinite(MaxLearningRate) || !(MaxLearningRate > MinLearningRate))
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxLearningRate), MaxLearningRate, $"The maximum learning rate must be finite and above the minimum ({MinLearningRate}).");
        }

        if (Steps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "The sweep needs at least 2 steps.");
        }

        if (!(Smoothing >= 0.0 && Smoothing < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "The smoothing factor must lie in [0, 1).");
        }

        if (!(DivergenceFactor > 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(DivergenceFactor), DivergenceFactor, "The divergence factor must be above 1.");
        }

        if (SkipStart < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SkipStart), SkipStart, "The number of skipped points must not be negative.");
        }

        if (!(ValleyPosition >= 0.0 && ValleyPosition <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(ValleyPosition), ValleyPosition, "The valley position must lie in [0, 1].");
        }

        if (!(ValleyTolerance >= 0.0 && ValleyTolerance < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(ValleyTolerance), ValleyTolerance, "The valley tolerance must lie in [0, 1).");
        }
    }
}
