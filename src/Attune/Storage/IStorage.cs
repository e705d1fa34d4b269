namespace Attune.Storage;

/// <summary>
/// The single source of truth for studies and trials. Implementations must be safe to call from many
/// threads, and storages shared between processes must make each operation atomic (a trial number is
/// given out once; a waiting trial is started by one worker). Attribute values are kept in the
/// JSON-like form of <see cref="AttributeValue"/>; parameters in their internal representation.
/// </summary>
/// <remarks>
/// Samplers and pruners never call storage directly: they read trials through <see cref="Study"/>
/// and keep state in system attributes.
/// </remarks>
public interface IStorage : IDisposable
{
    /// <summary>Creates a study.</summary>
    /// <param name="name">The unique name.</param>
    /// <param name="directions">One direction per objective; at least one.</param>
    /// <returns>The study's identifier.</returns>
    /// <exception cref="DuplicateStudyException">A study with that name exists.</exception>
    int CreateStudy(string name, IReadOnlyList<StudyDirection> directions);

    /// <summary>Deletes a study and all its trials.</summary>
    /// <param name="studyId">The study.</param>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    void DeleteStudy(int studyId);

    /// <summary>Finds a study by name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The identifier, or <see langword="null"/> when no study has that name.</returns>
    int? FindStudy(string name);

    /// <summary>Reads a study's name, directions and attributes.</summary>
    /// <param name="studyId">The study.</param>
    /// <returns>The study's description.</returns>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    StudyInfo GetStudy(int studyId);

    /// <summary>Lists every study in the storage.</summary>
    /// <returns>The studies, in order of creation.</returns>
    IReadOnlyList<StudyInfo> GetAllStudies();

    /// <summary>Sets a user attribute of a study.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">A normalized value.</param>
    void SetStudyUserAttr(int studyId, string key, object? value);

    /// <summary>Sets a system attribute of a study.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">A normalized value.</param>
    void SetStudySystemAttr(int studyId, string key, object? value);

    /// <summary>
    /// Creates a trial with the next number of the study. Without a template the trial is
    /// <see cref="TrialState.Running"/> and starts now; with one, it copies the template's state,
    /// values, parameters, intermediate values, attributes and times (for enqueued and added trials).
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="template">What the new trial holds, or <see langword="null"/> for a fresh running trial.</param>
    /// <returns>The stored trial, with its identifier and number.</returns>
    TrialRecord CreateTrial(int studyId, TrialRecord? template = null);

    /// <summary>
    /// Atomically takes the oldest <see cref="TrialState.Waiting"/> trial of the study and moves it to
    /// <see cref="TrialState.Running"/>, starting now. Exactly one caller gets each waiting trial, also
    /// across processes.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <returns>The started trial, or <see langword="null"/> when none is waiting.</returns>
    TrialRecord? PopWaitingTrial(int studyId);

    /// <summary>Records a parameter of a running trial, after checking its distribution agrees with the study's earlier use of the name.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="internalValue">The value in the distribution's internal representation.</param>
    /// <param name="distribution">The distribution.</param>
    /// <exception cref="ArgumentException">The distribution is incompatible with the name's earlier distribution.</exception>
    /// <exception cref="InvalidOperationException">The trial is finished.</exception>
    void SetTrialParam(int trialId, string name, double internalValue, Distribution distribution);

    /// <summary>
    /// Moves a trial to <paramref name="state"/>, with its values when it completes. Moving a trial to
    /// <see cref="TrialState.Running"/> succeeds only while it is <see cref="TrialState.Waiting"/>, atomically,
    /// so exactly one worker takes an enqueued trial.
    /// </summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="state">The new state.</param>
    /// <param name="values">The objective values, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> when a move to <see cref="TrialState.Running"/> lost the race; otherwise <see langword="true"/>.</returns>
    /// <exception cref="InvalidOperationException">The trial is already finished and <paramref name="state"/> is not
    /// <see cref="TrialState.Running"/> (a move to Running of a trial that is not waiting returns <see langword="false"/>).</exception>
    bool SetTrialStateValues(int trialId, TrialState state, IReadOnlyList<double>? values);

    /// <summary>Records an intermediate value of a running trial.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="step">The step.</param>
    /// <param name="value">The value (NaN allowed).</param>
    void SetTrialIntermediateValue(int trialId, long step, double value);

    /// <summary>Sets a user attribute of a trial.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">A normalized value.</param>
    void SetTrialUserAttr(int trialId, string key, object? value);

    /// <summary>Sets a system attribute of a trial.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">A normalized value.</param>
    void SetTrialSystemAttr(int trialId, string key, object? value);

    /// <summary>Reads one trial.</summary>
    /// <param name="trialId">The trial.</param>
    /// <returns>Its current snapshot.</returns>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    TrialRecord GetTrial(int trialId);

    /// <summary>
    /// Records that the worker running a trial is alive, now. Called every <see cref="StudyOptions.HeartbeatInterval"/>
    /// while a trial runs. A heartbeat for a trial that is no longer running is ignored.
    /// </summary>
    /// <param name="trialId">The trial.</param>
    /// <exception cref="KeyNotFoundException">No such trial.</exception>
    void RecordHeartbeat(int trialId);

    /// <summary>
    /// Finds the running trials of a study whose last heartbeat is older than <paramref name="gracePeriod"/>: their
    /// worker has most likely died. A running trial that never recorded a heartbeat is never stale (its worker may not
    /// use heartbeats), as in Optuna.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="gracePeriod">How long a heartbeat stays fresh; positive.</param>
    /// <returns>The stale trials' identifiers, in id order.</returns>
    /// <exception cref="StudyNotFoundException">No such study.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gracePeriod"/> is not positive.</exception>
    IReadOnlyList<int> GetStaleTrialIds(int studyId, TimeSpan gracePeriod);

    /// <summary>Reads every trial of a study, in number order. Cheap to call repeatedly: implementations fetch only what changed.</summary>
    /// <param name="studyId">The study.</param>
    /// <returns>The trials.</returns>
    IReadOnlyList<TrialRecord> GetAllTrials(int studyId);
}
