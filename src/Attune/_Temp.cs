#pragma warning disable
namespace Attune.Storage.Journal
{
    public interface IJournalBackend {}
    public sealed class JournalFileBackend : IJournalBackend { public JournalFileBackend(string path){} }
    public sealed record JournalStorageOptions { public TimeProvider? TimeProvider {get;init;} public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory {get;init;} }
    public sealed class JournalStorage : Attune.Storage.InMemory.InMemoryStorageShim { public JournalStorage(IJournalBackend b, JournalStorageOptions? o = null){} }
}
namespace Attune.Storage.InMemory { public class InMemoryStorageShim : IStorage {
    InMemoryStorage s = new();
    public int CreateStudy(string name, IReadOnlyList<StudyDirection> directions) => s.CreateStudy(name, directions);
    public void DeleteStudy(int studyId) => s.DeleteStudy(studyId);
    public int? FindStudy(string name) => s.FindStudy(name);
    public StudyInfo GetStudy(int studyId) => s.GetStudy(studyId);
    public IReadOnlyList<StudyInfo> GetAllStudies() => s.GetAllStudies();
    public void SetStudyUserAttr(int studyId, string key, object? value) => s.SetStudyUserAttr(studyId, key, value);
    public void SetStudySystemAttr(int studyId, string key, object? value) => s.SetStudySystemAttr(studyId, key, value);
    public TrialRecord CreateTrial(int studyId, TrialRecord? template = null) => s.CreateTrial(studyId, template);
    public TrialRecord? PopWaitingTrial(int studyId) => s.PopWaitingTrial(studyId);
    public void SetTrialParam(int trialId, string name, double internalValue, Distribution distribution) => s.SetTrialParam(trialId, name, internalValue, distribution);
    public bool SetTrialStateValues(int trialId, TrialState state, IReadOnlyList<double>? values) => s.SetTrialStateValues(trialId, state, values);
    public void SetTrialIntermediateValue(int trialId, long step, double value) => s.SetTrialIntermediateValue(trialId, step, value);
    public void SetTrialUserAttr(int trialId, string key, object? value) => s.SetTrialUserAttr(trialId, key, value);
    public void SetTrialSystemAttr(int trialId, string key, object? value) => s.SetTrialSystemAttr(trialId, key, value);
    public TrialRecord GetTrial(int trialId) => s.GetTrial(trialId);
    public IReadOnlyList<TrialRecord> GetAllTrials(int studyId) => s.GetAllTrials(studyId);
    public void Dispose() {}
}}
