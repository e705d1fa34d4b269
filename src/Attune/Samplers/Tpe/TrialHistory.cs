namespace Attune.Samplers.Tpe;

/// <summary>
/// What TPE needs from a study's trials, kept incrementally: each call of <see cref="Refresh"/> reads
/// only trials that are new or were unfinished at the last call. A finished trial never changes, so
/// its objective values, feasibility, pruning score and parameters are parsed once. Not thread-safe:
/// the owning <see cref="TpeStudyState"/> serialises access.
/// </summary>
internal sealed class TrialHistory
{
    private readonly double[] signs;
    private readonly bool constraintsEnabled;
    private readonly FinishedTrialCursor cursor = new();
    private readonly Func<TrialRecord, bool> ingest;
    private readonly Action<TrialRecord> collectRunning;
    private readonly List<TrialRecord> running = [];
    private readonly Dictionary<string, ParamColumn> columns = new(StringComparer.Ordinal);
    private double[] losses = [];
    private bool[] usable = [];
    private int[] usableNumbers = new int[64];

    public TrialHistory(IReadOnlyList<StudyDirection> directions, bool constraintsEnabled)
    {
        signs = new double[directions.Count];
        for (var k = 0; k < signs.Length; k++)
        {
            signs[k] = directions[k] == StudyDirection.Maximize ? -1 : 1;
        }

        this.constraintsEnabled = constraintsEnabled;
        Pareto = signs.Length > 1 ? new ParetoRanking(signs.Length) : null;
        ingest = trial =>
        {
            Ingest(trial);
            return true;
        };
        collectRunning = trial =>
        {
            if (trial.State == TrialState.Running)
            {
                running.Add(trial);
            }
        };
    }

    /// <summary>The number of objectives.</summary>
    public int Objectives => signs.Length;

    /// <summary>Incremented whenever a usable trial is added.</summary>
    public int Version { get; private set; }

    /// <summary>The number of trials in the last snapshot.</summary>
    public int TrialCount => cursor.Seen;

    /// <summary>Complete and pruned trials, feasible or not: TPE's n.</summary>
    public int UsableCount { get; private set; }

    /// <summary>Usable trial numbers in ascending order.</summary>
    public ReadOnlySpan<int> UsableNumbers => usableNumbers.AsSpan(0, UsableCount);

    /// <summary>Feasible complete trials by loss (single objective).</summary>
    public RankedTrials Complete { get; } = new();

    /// <summary>Feasible complete trials by non-domination (several objectives); <see langword="null"/> for one objective.</summary>
    public ParetoRanking? Pareto { get; }

    /// <summary>Feasible pruned trials, furthest and best first.</summary>
    public RankedTrials Pruned { get; } = new();

    /// <summary>Infeasible trials, least violating first.</summary>
    public RankedTrials Infeasible { get; } = new();

    /// <summary>Running trials (for the constant liar), by number, as of the last refresh.</summary>
    public IReadOnlyList<TrialRecord> Running => running;

    /// <summary>The loss (value, negated for maximised objectives) of a usable complete trial.</summary>
    public double Loss(int trialNumber, int objective) => losses[(trialNumber * signs.Length) + objective];

    /// <summary>Whether the trial is complete or pruned.</summary>
    public bool IsUsable(int trialNumber) => trialNumber < usable.Length && usable[trialNumber];

    /// <summary>The column of a parameter, or <see langword="null"/> when no usable trial has it.</summary>
    public ParamColumn? Column(string name) => columns.GetValueOrDefault(name);

    /// <summary>Reads what changed in <paramref name="trials"/> (the study's trials in number order).</summary>
    public void Refresh(IReadOnlyList<TrialRecord> trials)
    {
        running.Clear();
        cursor.Advance(trials, ingest, collectRunning);
    }

    private void Ingest(TrialRecord trial)
    {
        if (trial.State == TrialState.Fail)
        {
            return;
        }

        var number = trial.Number;
        var m = signs.Length;
        var complete = trial.State == TrialState.Complete;
        if (complete && (trial.Values is not { } values || values.Count != m))
        {
            return;
        }

        EnsureCapacity(number + 1);
        if (complete)
        {
            for (var k = 0; k < m; k++)
            {
                losses[(number * m) + k] = signs[k] * trial.Values![k];
            }
        }

        var violation = constraintsEnabled ? Violation(trial) : 0;
        if (violation > 0)
        {
            Infeasible.Add(number, violation);
        }
        else if (complete)
        {
            if (Pareto is { } pareto)
            {
                pareto.Add(number, losses.AsSpan(number * m, m));
            }
            else
            {
                Complete.Add(number, losses[number]);
            }
        }
        else
        {
            var (stepKey, valueKey) = PrunedScore(trial);
            Pruned.Add(number, stepKey, valueKey);
        }

        foreach (var (name, value) in trial.InternalParams)
        {
            if (!columns.TryGetValue(name, out var column))
            {
                column = new ParamColumn(name);
                columns[name] = column;
            }

            column.Add(number, value);
        }

        usable[number] = true;
        InsertUsable(number);
        Version++;
    }

    /// <summary>Optuna's order for pruned trials: further (larger last step) first, then better last intermediate value; none reported last.</summary>
    private (double Step, double Value) PrunedScore(TrialRecord trial)
    {
        long? lastStep = null;
        foreach (var step in trial.IntermediateValues.Keys)
        {
            if (lastStep is null || step > lastStep)
            {
                lastStep = step;
            }
        }

        if (lastStep is not { } last)
        {
            return (1, 0);
        }

        var value = trial.IntermediateValues[last];
        return double.IsNaN(value) ? (-last, double.PositiveInfinity) : (-last, signs[0] * value);
    }

    /// <summary>The total violation (sum of positive constraint values); +∞ when constraints are missing or unreadable.</summary>
    private static double Violation(TrialRecord trial)
    {
        if (!trial.SystemAttrs.TryGetValue(Study.ConstraintsKey, out var raw) || raw is not IEnumerable<object?> values)
        {
            return double.PositiveInfinity;
        }

        var total = 0.0;
        foreach (var item in values)
        {
            var c = item switch
            {
                double d => d,
                long l => l,
                _ => double.NaN,
            };
            if (double.IsNaN(c))
            {
                return double.PositiveInfinity;
            }

            if (c > 0)
            {
                total += c;
            }
        }

        return total;
    }

    private void EnsureCapacity(int count)
    {
        if (usable.Length >= count)
        {
            return;
        }

        var size = Math.Max(count, Math.Max(64, usable.Length * 2));
        Array.Resize(ref usable, size);
        Array.Resize(ref losses, size * signs.Length);
    }

    private void InsertUsable(int number)
    {
        if (UsableCount == usableNumbers.Length)
        {
            Array.Resize(ref usableNumbers, UsableCount * 2);
        }

        var at = UsableCount;
        while (at > 0 && usableNumbers[at - 1] > number)
        {
            at--;
        }

        Array.Copy(usableNumbers, at, usableNumbers, at + 1, UsableCount - at);
        usableNumbers[at] = number;
        UsableCount++;
    }
}
