namespace Attune.Pruners;

/// <summary>Options of <see cref="PatientPruner"/>.</summary>
public sealed record PatientPrunerOptions
{
    /// <summary>The pruner consulted once a trial has stopped improving; <see langword="null"/> prunes it then without asking.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public Pruner? Wrapped { get; init; }

    /// <summary>
    /// How many reported steps without improvement are tolerated: the trial has stopped improving when
    /// the best of its last Patience + 1 values is worse than the best value before them by more than
    /// <see cref="MinDelta"/>. Optuna has no default.
    /// </summary>
    /// <value>Default 10.</value>
    public int Patience { get; init; } = 10;

    /// <summary>How much worse than the earlier best the recent best must be before the trial counts as stalled.</summary>
    /// <value>Default 0.</value>
    public double MinDelta { get; init; }
}
