namespace Attune.Storage.InMemory;

/// <summary>
/// Keeps studies in the memory of one process (URL <c>memory:</c>). Fast and thread-safe; gone when
/// the process ends. Use <see cref="Journal.JournalStorage"/> to keep a study.
/// </summary>
public sealed class InMemoryStorage : IStorage
{
    private readonly StorageModel model = new();
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly Dictionary<int, DateTimeOffset> heartbeats = [];

    /// <summary>Creates an empty storage that reads the clock from the system.</summary>
    public InMemoryStorage()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty storage.</summary>
    /// <param name="timeProvider">The clock for trial start and end times.</param>
    public InMemoryStorage(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        time = timeProvider;
    }

    /// <inheritdoc/>
    public int CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        lock (gate)
        {
            return model.CreateStudy(name, directions);
        }
    }

    /// <inheritdoc/>
    public void DeleteStudy(int studyId)
    {
        lock (gate)
        {
            model.DeleteStudy(studyId);
        }
    }

    /// <inheritdoc/>
    public int? FindStudy(string name)
    {
        lock (gate)
        {
            return model.FindStudy(name);
        }
    }

    /// <inheritdoc/>
    public StudyInfo GetStudy(int studyId)
    {
        lock (gate)
        {
            return model.GetStudy(studyId);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<StudyInfo> GetAllStudies()
    {
        lock (gate)
        {
            return model.GetAllStudies();
        }
    }

    /// <inheritdoc/>
    public void SetStudyUserAttr(int studyId, string key, object? value)
    {
        lock (gate)
        {
            model.SetStudyUserAttr(studyId, key, value);
        }
    }

    /// <inheritdoc/>
    public void SetStudySystemAttr(int studyId, string key, object? value)
    {
        lock (gate)
        {
            model.SetStudySystemAttr(studyId, key, value);
        }
    }

    /// <inheritdoc/>
    public TrialRecord CreateTrial(int studyId, TrialRecord? template = null)
    {
        lock (gate)
        {
            return model.CreateTrial(studyId, template, time.GetUtcNow());
        }
    }

    /// <inheritdoc/>
    public TrialRecord? PopWaitingTrial(int studyId)
    {
        lock (gate)
        {
            if (model.OldestWaitingTrialId(studyId) is not { } trialId)
            {
                return null;
            }

            model.SetTrialStateValues(trialId, TrialState.Running, null, time.GetUtcNow());
            return model.GetTrial(trialId);
        }
    }

    /// <inheritdoc/>
    public void SetTrialParam(int trialId, string name, double internalValue, Distribution distribution)
    {
        lock (gate)
        {
            model.SetTrialParam(trialId, name, internalValue, distribution);
        }
    }

    /// <inheritdoc/>
    public bool SetTrialStateValues(int trialId, TrialState state, IReadOnlyList<double>? values)
    {
        lock (gate)
        {
            var changed = model.SetTrialStateValues(trialId, state, values, time.GetUtcNow());
            if (state.IsFinished())
            {
                heartbeats.Remove(trialId);
            }

            return changed;
        }
    }

    /// <inheritdoc/>
    public void SetTrialIntermediateValue(int trialId, long step, double value)
    {
        lock (gate)
        {
            model.SetTrialIntermediateValue(trialId, step, value);
        }
    }

    /// <inheritdoc/>
    public void SetTrialUserAttr(int trialId, string key, object? value)
    {
        lock (gate)
        {
            model.SetTrialUserAttr(trialId, key, value);
        }
    }

    /// <inheritdoc/>
    public void SetTrialSystemAttr(int trialId, string key, object? value)
    {
        lock (gate)
        {
            model.SetTrialSystemAttr(trialId, key, value);
        }
    }

    /// <inheritdoc/>
    public void RecordHeartbeat(int trialId)
    {
        lock (gate)
        {
            if (model.GetTrialState(trialId) == TrialState.Running)
            {
                heartbeats[trialId] = time.GetUtcNow();
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<int> GetStaleTrialIds(int studyId, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gracePeriod, TimeSpan.Zero);
        lock (gate)
        {
            var now = time.GetUtcNow();
            var stale = new List<int>();
            foreach (var trial in model.GetAllTrials(studyId))
            {
                if (trial.State == TrialState.Running
                    && heartbeats.TryGetValue(trial.TrialId, out var beat)
                    && now - beat > gracePeriod)
                {
                    stale.Add(trial.TrialId);
                }
            }

            return stale;
        }
    }

    /// <inheritdoc/>
    public TrialRecord GetTrial(int trialId)
    {
        lock (gate)
        {
            return model.GetTrial(trialId);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrialRecord> GetAllTrials(int studyId)
    {
        lock (gate)
        {
            return model.GetAllTrials(studyId);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
