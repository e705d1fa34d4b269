namespace Attune.Storage.Journal;

/// <summary>Optuna's integer codes for trial states and study directions, which differ from Attune's enum values.</summary>
internal static class OptunaCodes
{
    /// <summary>Optuna's <c>TrialState</c> value: RUNNING 0, COMPLETE 1, PRUNED 2, FAIL 3, WAITING 4.</summary>
    public static int FromState(TrialState state) => state switch
    {
        TrialState.Running => 0,
        TrialState.Complete => 1,
        TrialState.Pruned => 2,
        TrialState.Fail => 3,
        TrialState.Waiting => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a trial state."),
    };

    /// <summary>The trial state with Optuna's value <paramref name="code"/>, or <see langword="null"/>.</summary>
    public static TrialState? ToState(long code) => code switch
    {
        0 => TrialState.Running,
        1 => TrialState.Complete,
        2 => TrialState.Pruned,
        3 => TrialState.Fail,
        4 => TrialState.Waiting,
        _ => null,
    };

    /// <summary>Optuna's <c>StudyDirection</c> value: MINIMIZE 1, MAXIMIZE 2 (NOT_SET 0 has no Attune counterpart).</summary>
    public static int FromDirection(StudyDirection direction) => direction switch
    {
        StudyDirection.Minimize => 1,
        StudyDirection.Maximize => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a study direction."),
    };

    /// <summary>The direction with Optuna's value <paramref name="code"/>, or <see langword="null"/>.</summary>
    public static StudyDirection? ToDirection(long code) => code switch
    {
        1 => StudyDirection.Minimize,
        2 => StudyDirection.Maximize,
        _ => null,
    };
}
