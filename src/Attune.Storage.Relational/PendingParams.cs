namespace Attune.Storage.Relational;

/// <summary>One buffered parameter of a running trial: its value and distribution as Optuna's schema stores them.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The internal value.</param>
/// <param name="Distribution">The distribution.</param>
/// <param name="DistributionJson">The distribution, in Optuna's JSON.</param>
internal readonly record struct PendingParam(string Name, double Value, Distribution Distribution, string DistributionJson);

/// <summary>
/// The parameters of this storage's running trials not yet written: they go into the trial's next write transaction
/// (usually the one that finishes it). Thread-safe.
/// </summary>
internal sealed class PendingParams
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, (int StudyId, List<PendingParam> Params)> byTrial = [];

    /// <summary>Buffers a parameter, replacing one of the same name.</summary>
    public void Add(int trialId, int studyId, PendingParam param)
    {
        lock (gate)
        {
            if (!byTrial.TryGetValue(trialId, out var entry))
            {
                entry = (studyId, []);
                byTrial[trialId] = entry;
            }

            entry.Params.RemoveAll(p => p.Name == param.Name);
            entry.Params.Add(param);
        }
    }

    /// <summary>Removes and returns the trial's buffered parameters (none: an empty list).</summary>
    public (int StudyId, IReadOnlyList<PendingParam> Params) Take(int trialId)
    {
        lock (gate)
        {
            return byTrial.Remove(trialId, out var entry) ? (entry.StudyId, entry.Params) : (-1, []);
        }
    }

    /// <summary>Puts back what <see cref="Take"/> returned, before anything buffered since.</summary>
    public void Restore(int trialId, (int StudyId, IReadOnlyList<PendingParam> Params) taken)
    {
        if (taken.Params.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            if (!byTrial.TryGetValue(trialId, out var entry))
            {
                entry = (taken.StudyId, []);
                byTrial[trialId] = entry;
            }

            entry.Params.InsertRange(0, taken.Params.Where(p => !entry.Params.Exists(q => q.Name == p.Name)));
        }
    }

    /// <summary>The trials with buffered parameters, of one study or (with <see langword="null"/>) of all.</summary>
    public IReadOnlyList<int> Trials(int? studyId)
    {
        lock (gate)
        {
            return [.. byTrial.Where(e => studyId is null || e.Value.StudyId == studyId).Select(e => e.Key)];
        }
    }

    /// <summary>The trial's buffered parameters, left buffered.</summary>
    public IReadOnlyList<PendingParam> Peek(int trialId)
    {
        lock (gate)
        {
            return byTrial.TryGetValue(trialId, out var entry) ? [.. entry.Params] : [];
        }
    }

    /// <summary>Whether the trial has buffered parameters.</summary>
    public bool Has(int trialId)
    {
        lock (gate)
        {
            return byTrial.ContainsKey(trialId);
        }
    }
}
