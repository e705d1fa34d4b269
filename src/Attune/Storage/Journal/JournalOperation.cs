namespace Attune.Storage.Journal;

/// <summary>The operation codes of Optuna's journal (<c>optuna.storages._journal.storage.JournalOperation</c>).</summary>
internal enum JournalOperation
{
    CreateStudy = 0,
    DeleteStudy = 1,
    SetStudyUserAttr = 2,
    SetStudySystemAttr = 3,
    CreateTrial = 4,
    SetTrialParam = 5,
    SetTrialStateValues = 6,
    SetTrialIntermediateValue = 7,
    SetTrialUserAttr = 8,
    SetTrialSystemAttr = 9,
}
