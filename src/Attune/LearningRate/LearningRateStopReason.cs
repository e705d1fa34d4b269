namespace Attune.LearningRate;

/// <summary>Why a learning-rate sweep ended.</summary>
public enum LearningRateStopReason
{
    /// <summary>Every step of the sweep ran.</summary>
    Completed,

    /// <summary>The smoothed loss rose above <see cref="LearningRateFinderOptions.DivergenceFactor"/> times its lowest value.</summary>
    Diverged,

    /// <summary>The training step returned NaN or an infinite loss.</summary>
    NonFiniteLoss,
}
