using Attune.Storage;
using Attune.Storage.InMemory;

namespace Attune.Tests.Samplers;

/// <summary>
/// An in-memory storage that yields or sleeps briefly around reads and writes, so that concurrent
/// claimants interleave in many more ways than they would on a bare lock.
/// </summary>
internal sealed class JitterStorage : IStorage
{
    private readonly InMemoryStorage inner = new();
    private int calls;

    public int CreateStudy(string name, IReadOnlyList<StudyDirection> directions) => inner.CreateStudy(name, directions);

    public void DeleteStudy(int studyId) => inner.DeleteStudy(studyId);

    public int? FindStudy(string name) => inner.FindStudy(name);

    public StudyInfo GetStudy(int studyId) => inner.GetStudy(studyId);

    public IReadOnlyList<StudyInfo> GetAllStudies() => inner.GetAllStudies();

    public void SetStudyUserAttr(int studyId, string key, object? value) => inner.SetStudyUserAttr(studyId, key, value);

    public void SetStudySystemAttr(int studyId, string key, object? value) => inner.SetStudySystemAttr(studyId, key, value);

    public TrialRecord CreateTrial(int studyId, TrialRecord? template = null)
    {
        Jitter();
        return inner.CreateTrial(studyId, template);
    }

    public TrialRecord? PopWaitingTrial(int studyId) => inner.PopWaitingTrial(studyId);

    public void RecordHeartbeat(int trialId) => inner.RecordHeartbeat(trialId);

    public IReadOnlyList<int> GetStaleTrialIds(int studyId, TimeSpan gracePeriod) => inner.GetStaleTrialIds(studyId, gracePeriod);

    public void SetTrialParam(int trialId, string name, double internalValue, Distribution distribution)
    {
        Jitter();
        inner.SetTrialParam(trialId, name, internalValue, distribution);
        Jitter();
    }

    public bool SetTrialStateValues(int trialId, TrialState state, IReadOnlyList<double>? values) => inner.SetTrialStateValues(trialId, state, values);

    public void SetTrialIntermediateValue(int trialId, long step, double value) => inner.SetTrialIntermediateValue(trialId, step, value);

    public void SetTrialUserAttr(int trialId, string key, object? value) => inner.SetTrialUserAttr(trialId, key, value);

    public void SetTrialSystemAttr(int trialId, string key, object? value)
    {
        Jitter();
        inner.SetTrialSystemAttr(trialId, key, value);
        Jitter();
    }

    public TrialRecord GetTrial(int trialId) => inner.GetTrial(trialId);

    public IReadOnlyList<TrialRecord> GetAllTrials(int studyId)
    {
        Jitter();
        var trials = inner.GetAllTrials(studyId);
        Jitter();
        return trials;
    }

    public void Dispose() => inner.Dispose();

    private void Jitter()
    {
        var n = Interlocked.Increment(ref calls);
        switch (n % 7)
        {
            case 0:
                Thread.Sleep(0);
                break;
            case 3:
                Thread.Yield();
                break;
            case 5 when n % 35 == 5:
                Thread.Sleep(1);
                break;
        }
    }
}
