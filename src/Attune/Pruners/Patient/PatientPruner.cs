namespace Attune.Pruners;

/// <summary>
/// Early stopping with patience (Optuna's <c>PatientPruner</c>): while a trial keeps improving it
/// runs on; once the best of its last Patience + 1 intermediate values is worse than its best value
/// before them by more than MinDelta, the wrapped pruner decides, or, without one, the trial is
/// pruned. Wrapping a <see cref="MedianPruner"/> prunes only trials that are both stalled and behind.
/// </summary>
public sealed class PatientPruner : Pruner
{
    /// <summary>Creates a pruner with the defaults of <see cref="PatientPrunerOptions"/>: pruning after 10 steps without improvement.</summary>
    public PatientPruner()
        : this(new PatientPrunerOptions())
    {
    }

    /// <summary>Creates a pruner.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException"><see cref="PatientPrunerOptions.Patience"/> is negative, or <see cref="PatientPrunerOptions.MinDelta"/> negative or NaN.</exception>
    public PatientPruner(PatientPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Patience < 0)
        {
            throw new ArgumentException($"Patience must be >= 0, but got {options.Patience}.", nameof(options));
        }

        if (!(options.MinDelta >= 0))
        {
            throw new ArgumentException($"MinDelta must be >= 0, but got {options.MinDelta}.", nameof(options));
        }

        Options = options;
    }

    /// <summary>The options in force.</summary>
    public PatientPrunerOptions Options { get; }

    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var values = trial.IntermediateValues;
        if (values.Count <= Options.Patience + 1)
        {
            return false;
        }

        var steps = values.Keys.ToArray();
        Array.Sort(steps);
        var maximize = study.Direction == StudyDirection.Maximize;
        var split = steps.Length - Options.Patience - 1;
        var before = Best(values, steps.AsSpan(0, split), maximize);
        var after = Best(values, steps.AsSpan(split), maximize);
        var stalled = maximize ? before - Options.MinDelta > after : before + Options.MinDelta < after;
        return stalled && (Options.Wrapped?.Prune(study, trial) ?? true);
    }

    /// <summary>The best non-NaN value at <paramref name="steps"/>, or NaN when all are NaN (then nothing compares as stalled).</summary>
    private static double Best(IReadOnlyDictionary<long, double> values, ReadOnlySpan<long> steps, bool maximize)
    {
        var best = double.NaN;
        foreach (var step in steps)
        {
            var value = values[step];
            if (!double.IsNaN(value) && (double.IsNaN(best) || (maximize ? value > best : value < best)))
            {
                best = value;
            }
        }

        return best;
    }
}
