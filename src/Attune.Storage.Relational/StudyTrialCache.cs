using System.Globalization;
using System.Text;

namespace Attune.Storage.Relational;

/// <summary>
/// One study's trials as this process last read them (Optuna's <c>_CachedStorage</c> idea). Finished trials never
/// change, so a refresh reads only trials created since the last read (numbers above the highest known: trial
/// creation locks the study row, so a study's numbers are committed in order) and trials that were unfinished then. The cost of
/// a refresh follows what changed, not the size of the study.
/// </summary>
internal sealed class StudyTrialCache(int studyId)
{
    /// <summary>Above this many unfinished trials, a refresh reads every trial from the oldest unfinished one on instead of listing ids.</summary>
    private const int MaxListedIds = 200;

    private readonly Dictionary<int, TrialRecord> byId = [];
    private readonly SortedSet<int> unfinished = [];
    private int maxNumber = -1;
    private readonly List<TrialRecord> ordered = [];
    private TrialRecord[]? snapshot;

    /// <summary>Held while refreshing and reading the cache.</summary>
    public Lock Gate { get; } = new();

    public int StudyId { get; } = studyId;

    /// <summary>
    /// The conditions on <c>trials t</c> that select what a refresh must read, with their parameters: trials numbered
    /// above the highest known number (an index range), and the trials that were unfinished.
    /// </summary>
    public List<(string Condition, (string Name, object? Value)[] Parameters)> RefreshConditions()
    {
        var conditions = new List<(string, (string, object?)[])>
        {
            ("t.study_id = @study AND t.number > @max_number", [("@study", StudyId), ("@max_number", maxNumber)]),
        };
        if (unfinished.Count > MaxListedIds)
        {
            conditions.Add(("t.study_id = @study AND t.trial_id >= @min_unfinished", [("@study", StudyId), ("@min_unfinished", unfinished.Min)]));
        }
        else if (unfinished.Count > 0)
        {
            var parameters = new List<(string, object?)>();
            var condition = new StringBuilder("t.trial_id IN (");
            foreach (var id in unfinished)
            {
                var name = "@u" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                condition.Append(parameters.Count == 0 ? name : "," + name);
                parameters.Add((name, id));
            }

            conditions.Add((condition.Append(')').ToString(), [.. parameters]));
        }

        return conditions;
    }

    /// <summary>Takes in what a refresh read.</summary>
    public void Apply(Dictionary<int, (int StudyId, TrialRecord Trial)> read)
    {
        foreach (var (id, (_, trial)) in read)
        {
            Place(trial, byId.TryGetValue(id, out var old) ? old : null);
            byId[id] = trial;
            maxNumber = Math.Max(maxNumber, trial.Number);
            if (trial.State.IsFinished())
            {
                unfinished.Remove(id);
            }
            else
            {
                unfinished.Add(id);
            }
        }

        if (read.Count > 0)
        {
            snapshot = null;
        }
    }

    /// <summary>A finished trial as cached, or <see langword="null"/>.</summary>
    public TrialRecord? Finished(int trialId) =>
        byId.TryGetValue(trialId, out var trial) && trial.State.IsFinished() ? trial : null;

    /// <summary>Every cached trial, in number order (the same array until something changes).</summary>
    public IReadOnlyList<TrialRecord> Snapshot() => snapshot ??= [.. ordered];

    private static int Compare(TrialRecord a, TrialRecord b) =>
        a.Number != b.Number ? a.Number.CompareTo(b.Number) : a.TrialId.CompareTo(b.TrialId);

    /// <summary>Keeps <see cref="ordered"/> sorted without sorting: new trials mostly come last, updates replace in place.</summary>
    private void Place(TrialRecord trial, TrialRecord? old)
    {
        if (old is not null)
        {
            ordered[ordered.BinarySearch(old, Comparer<TrialRecord>.Create(Compare))] = trial;
        }
        else if (ordered.Count == 0 || Compare(ordered[^1], trial) < 0)
        {
            ordered.Add(trial);
        }
        else
        {
            var index = ordered.BinarySearch(trial, Comparer<TrialRecord>.Create(Compare));
            ordered.Insert(index < 0 ? ~index : index, trial);
        }
    }
}
