namespace Attune.Storage;

/// <summary>
/// The in-memory state of studies and trials, with the rules every storage applies (trial numbers,
/// distribution compatibility, state transitions). Not thread-safe: <see cref="InMemory.InMemoryStorage"/>
/// guards it with a lock, and <see cref="Journal.JournalStorage"/> replays its log into one.
/// Snapshots (<see cref="TrialRecord"/>) are built lazily and cached until a trial changes.
/// </summary>
internal sealed class StorageModel
{
    private readonly Dictionary<int, StudyState> studies = [];
    private readonly Dictionary<string, int> studyIdsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<int, MutableTrial> trialsById = [];
    private int nextStudyId;
    private int nextTrialId;

    /// <summary>The number of trials ever created (the next trial id).</summary>
    public int NextTrialId => nextTrialId;

    /// <summary>The number of studies ever created (the next study id; ids of deleted studies are not reused).</summary>
    public int NextStudyId => nextStudyId;

    public int CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0)
        {
            throw new ArgumentException("A study needs at least one direction.", nameof(directions));
        }

        if (studyIdsByName.ContainsKey(name))
        {
            throw DuplicateStudyException.For(name);
        }

        var id = nextStudyId++;
        studies[id] = new StudyState(id, name, [.. directions]);
        studyIdsByName[name] = id;
        return id;
    }

    public void DeleteStudy(int studyId)
    {
        var study = Study(studyId);
        foreach (var trial in study.Trials)
        {
            trialsById.Remove(trial.Id);
        }

        studies.Remove(studyId);
        studyIdsByName.Remove(study.Name);
    }

    public int? FindStudy(string name) => studyIdsByName.TryGetValue(name, out var id) ? id : null;

    public StudyInfo GetStudy(int studyId) => Study(studyId).Info();

    public IReadOnlyList<StudyInfo> GetAllStudies() => [.. studies.Values.OrderBy(s => s.Id).Select(s => s.Info())];

    public void SetStudyUserAttr(int studyId, string key, object? value)
    {
        var study = Study(studyId);
        study.UserAttrs[key] = value;
        study.InfoCache = null;
    }

    public void SetStudySystemAttr(int studyId, string key, object? value)
    {
        var study = Study(studyId);
        study.SystemAttrs[key] = value;
        study.InfoCache = null;
    }

    public int TrialCount(int studyId) => Study(studyId).Trials.Count;

    /// <summary>Throws what <see cref="CreateTrial"/> would throw for these arguments, without creating anything.</summary>
    public void CheckCreateTrial(int studyId, TrialRecord? template)
    {
        var study = Study(studyId);
        if (template is not null)
        {
            foreach (var (name, distribution) in template.Distributions)
            {
                CheckDistribution(study, name, distribution);
            }
        }
    }

    /// <summary>
    /// Creates a trial. With <paramref name="checkDistributions"/> off, a template's distributions are taken as they
    /// are (a journal replays trials that Optuna created without checking them).
    /// </summary>
    public TrialRecord CreateTrial(int studyId, TrialRecord? template, DateTimeOffset now, bool checkDistributions = true)
    {
        var study = Study(studyId);
        var trial = new MutableTrial(nextTrialId, study, study.Trials.Count);
        if (template is null)
        {
            trial.State = TrialState.Running;
            trial.StartedAt = now;
        }
        else
        {
            foreach (var (name, distribution) in template.Distributions)
            {
                var internalValue = template.InternalParams.TryGetValue(name, out var v)
                    ? v
                    : distribution.ToInternal(template.Params[name]);
                if (checkDistributions)
                {
                    CheckDistribution(study, name, distribution);
                }

                trial.InternalParams[name] = internalValue;
                trial.Distributions[name] = distribution;
            }

            trial.State = template.State;
            trial.Values = template.Values is { } values ? [.. values] : null;
            foreach (var (step, value) in template.IntermediateValues)
            {
                trial.IntermediateValues[step] = value;
            }

            foreach (var (key, value) in template.UserAttrs)
            {
                trial.UserAttrs[key] = value;
            }

            foreach (var (key, value) in template.SystemAttrs)
            {
                trial.SystemAttrs[key] = value;
            }

            trial.StartedAt = template.StartedAt;
            trial.CompletedAt = template.CompletedAt;
        }

        foreach (var (name, distribution) in trial.Distributions)
        {
            NoteDistribution(study, trial.Number, name, distribution);
        }

        nextTrialId++;
        trialsById[trial.Id] = trial;
        study.Trials.Add(trial);
        if (trial.State == TrialState.Waiting)
        {
            study.Waiting.Add(trial.Number);
        }

        study.Invalidate();
        return trial.Freeze();
    }

    public void SetTrialParam(int trialId, string name, double internalValue, Distribution distribution)
    {
        var trial = UpdatableTrial(trialId);
        CheckDistribution(trial.Study, name, distribution);
        NoteDistribution(trial.Study, trial.Number, name, distribution);
        trial.InternalParams[name] = internalValue;
        trial.Distributions[name] = distribution;
        trial.Changed();
    }

    /// <summary>Throws when <paramref name="distribution"/> disagrees with the study's earlier distribution of <paramref name="name"/>.</summary>
    public void CheckParam(int trialId, string name, Distribution distribution) =>
        CheckDistribution(Trial(trialId).Study, name, distribution);

    public bool SetTrialStateValues(int trialId, TrialState state, IReadOnlyList<double>? values, DateTimeOffset now)
    {
        var trial = Trial(trialId);
        if (state == TrialState.Running && trial.State != TrialState.Waiting)
        {
            return false;
        }

        EnsureUpdatable(trial);
        if (trial.State == TrialState.Waiting && state != TrialState.Waiting)
        {
            trial.Study.Waiting.Remove(trial.Number);
        }
        else if (state == TrialState.Waiting)
        {
            trial.Study.Waiting.Add(trial.Number);
        }

        trial.State = state;
        if (values is not null)
        {
            trial.Values = [.. values];
        }

        if (state == TrialState.Running)
        {
            trial.StartedAt = now;
        }

        if (state.IsFinished())
        {
            trial.CompletedAt = now;
        }

        trial.Changed();
        return true;
    }

    /// <summary>Throws when the trial does not exist (<see cref="KeyNotFoundException"/>) or has finished (<see cref="InvalidOperationException"/>).</summary>
    public void CheckUpdatable(int trialId) => UpdatableTrial(trialId);

    /// <summary>The oldest waiting trial of the study, or <see langword="null"/>.</summary>
    public int? OldestWaitingTrialId(int studyId)
    {
        var study = Study(studyId);
        return study.Waiting.Count == 0 ? null : study.Trials[study.Waiting.Min].Id;
    }

    public void SetTrialIntermediateValue(int trialId, long step, double value)
    {
        var trial = UpdatableTrial(trialId);
        trial.IntermediateValues[step] = value;
        trial.Changed();
    }

    public void SetTrialUserAttr(int trialId, string key, object? value)
    {
        var trial = UpdatableTrial(trialId);
        trial.UserAttrs[key] = value;
        trial.Changed();
    }

    public void SetTrialSystemAttr(int trialId, string key, object? value)
    {
        var trial = UpdatableTrial(trialId);
        trial.SystemAttrs[key] = value;
        trial.Changed();
    }

    public TrialRecord GetTrial(int trialId) => Trial(trialId).Freeze();

    public bool TrialExists(int trialId) => trialsById.ContainsKey(trialId);

    public TrialState GetTrialState(int trialId) => Trial(trialId).State;

    public int GetTrialStudyId(int trialId) => Trial(trialId).Study.Id;

    public IReadOnlyList<TrialRecord> GetAllTrials(int studyId)
    {
        var study = Study(studyId);
        if (study.Snapshot is { } snapshot)
        {
            return snapshot;
        }

        // Rebuilt from the previous snapshot: only trials that changed since, and new ones, are read again,
        // so a snapshot after one change costs a copy of the array rather than a pass over every trial.
        var records = new TrialRecord[study.Trials.Count];
        if (study.Previous is { } previous && previous.Length <= records.Length)
        {
            Array.Copy(previous, records, previous.Length);
            foreach (var number in study.Changed)
            {
                if (number < previous.Length)
                {
                    records[number] = study.Trials[number].Freeze();
                }
            }

            for (var i = previous.Length; i < records.Length; i++)
            {
                records[i] = study.Trials[i].Freeze();
            }
        }
        else
        {
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = study.Trials[i].Freeze();
            }
        }

        study.Changed.Clear();
        study.Previous = null;
        study.Snapshot = records;
        return records;
    }

    private static void CheckDistribution(StudyState study, string name, Distribution distribution)
    {
        if (study.ParamDistributions.TryGetValue(name, out var existing))
        {
            existing.Distribution.EnsureCompatibleWith(name, distribution);
        }
    }

    /// <summary>
    /// Keeps, per parameter name, the distribution of the lowest-numbered trial that has it: the one Optuna checks a
    /// new distribution against. With checked distributions any reference gives the same answer; with trials
    /// replayed unchecked from a journal, this one gives Optuna's.
    /// </summary>
    private static void NoteDistribution(StudyState study, int number, string name, Distribution distribution)
    {
        if (!study.ParamDistributions.TryGetValue(name, out var existing) || number <= existing.Number)
        {
            study.ParamDistributions[name] = new ParamReference(number, distribution);
        }
    }

    private static void EnsureUpdatable(MutableTrial trial)
    {
        if (trial.State.IsFinished())
        {
            throw new InvalidOperationException(
                $"Trial {trial.Number} of study '{trial.Study.Name}' has already finished ({trial.State}) and cannot be changed.");
        }
    }

    private StudyState Study(int studyId) =>
        studies.TryGetValue(studyId, out var study) ? study : throw StudyNotFoundException.ForId(studyId);

    private MutableTrial Trial(int trialId) =>
        trialsById.TryGetValue(trialId, out var trial) ? trial : throw new KeyNotFoundException($"No trial with id {trialId} exists in this storage.");

    private MutableTrial UpdatableTrial(int trialId)
    {
        var trial = Trial(trialId);
        EnsureUpdatable(trial);
        return trial;
    }

    private readonly record struct ParamReference(int Number, Distribution Distribution);

    private sealed class StudyState(int id, string name, StudyDirection[] directions)
    {
        public int Id { get; } = id;

        public string Name { get; } = name;

        public StudyDirection[] Directions { get; } = directions;

        public Dictionary<string, object?> UserAttrs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, object?> SystemAttrs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ParamReference> ParamDistributions { get; } = new(StringComparer.Ordinal);

        public List<MutableTrial> Trials { get; } = [];

        public SortedSet<int> Waiting { get; } = [];

        public TrialRecord[]? Snapshot { get; set; }

        // The last snapshot, after it was invalidated, and the numbers of the trials changed since it was built.
        public TrialRecord[]? Previous { get; set; }

        public HashSet<int> Changed { get; } = [];

        public StudyInfo? InfoCache { get; set; }

        public void Invalidate(int? changedTrial = null)
        {
            if (Snapshot is { } snapshot)
            {
                Previous = snapshot;
                Snapshot = null;
            }

            if (changedTrial is { } number)
            {
                Changed.Add(number);
            }
        }

        public StudyInfo Info() => InfoCache ??= new StudyInfo(
            Id, Name, Directions, new Dictionary<string, object?>(UserAttrs), new Dictionary<string, object?>(SystemAttrs));
    }

    private sealed class MutableTrial(int id, StudyState study, int number)
    {
        private TrialRecord? frozen;

        public int Id { get; } = id;

        public StudyState Study { get; } = study;

        public int Number { get; } = number;

        public TrialState State { get; set; }

        public double[]? Values { get; set; }

        public Dictionary<string, double> InternalParams { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Distribution> Distributions { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<long, double> IntermediateValues { get; } = [];

        public Dictionary<string, object?> UserAttrs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, object?> SystemAttrs { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public void Changed()
        {
            frozen = null;
            Study.Invalidate(Number);
        }

        public TrialRecord Freeze()
        {
            if (frozen is { } f)
            {
                return f;
            }

            var externalParams = new Dictionary<string, object?>(InternalParams.Count, StringComparer.Ordinal);
            foreach (var (name, value) in InternalParams)
            {
                externalParams[name] = Distributions[name].ToExternal(value);
            }

            return frozen = new TrialRecord
            {
                TrialId = Id,
                Number = Number,
                State = State,
                Values = Values is null ? null : (double[])Values.Clone(),
                Params = externalParams,
                InternalParams = new Dictionary<string, double>(InternalParams, StringComparer.Ordinal),
                Distributions = new Dictionary<string, Distribution>(Distributions, StringComparer.Ordinal),
                IntermediateValues = new SortedDictionary<long, double>(IntermediateValues),
                UserAttrs = new Dictionary<string, object?>(UserAttrs, StringComparer.Ordinal),
                SystemAttrs = new Dictionary<string, object?>(SystemAttrs, StringComparer.Ordinal),
                StartedAt = StartedAt,
                CompletedAt = CompletedAt,
            };
        }
    }
}
