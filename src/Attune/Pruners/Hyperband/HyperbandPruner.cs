namespace Attune.Pruners;

/// <summary>
/// Hyperband (Li et al. 2018) over asynchronous successive halving, as in Optuna: trials are spread
/// over floor(log_η(R/r)) + 1 brackets, bracket b being a <see cref="SuccessiveHalvingPruner"/> whose
/// first rung is at r·η^b, so bracket 0 prunes hardest and the last bracket runs trials almost to R.
/// Each trial is judged only against the trials of its own bracket. Brackets are assigned from a hash
/// of the study name and the trial number (Optuna's rule): name the study to make pruning reproducible.
/// </summary>
/// <remarks>
/// <para>With a TPE sampler this is BOHB: the sampler asks <see cref="TrialsForSampler"/> which trials
/// to model: by default the complete trials and the trials pruned at steps that predict the final
/// ranking (<see cref="HyperbandSamplerTrials.Informative"/>); Optuna's way, the trial's bracket
/// (<see cref="HyperbandSamplerTrials.Bracket"/>), and the BOHB paper's, every trial's value at the
/// largest budget with enough observations (<see cref="HyperbandSamplerTrials.LargestBudget"/>), are
/// options; see docs/pruning.md.</para>
/// <para>Multi-objective studies are ranked as by <see cref="SuccessiveHalvingPruner"/> (non-domination rank, then crowding distance).</para>
/// </remarks>
public sealed class HyperbandPruner : Pruner
{
    private readonly Lock gate = new();
    private HyperbandBrackets? brackets;

    /// <summary>Creates a pruner with the defaults of <see cref="HyperbandPrunerOptions"/>.</summary>
    public HyperbandPruner()
        : this(new HyperbandPrunerOptions())
    {
    }

    /// <summary>Creates a pruner.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException"><see cref="HyperbandPrunerOptions.MinResource"/> is below 1,
    /// <see cref="HyperbandPrunerOptions.MaxResource"/> below it, <see cref="HyperbandPrunerOptions.ReductionFactor"/> below 2,
    /// <see cref="HyperbandPrunerOptions.BootstrapCount"/> negative, or positive with an automatic maximum resource.</exception>
    public HyperbandPruner(HyperbandPrunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinResource < 1)
        {
            throw new ArgumentException($"MinResource must be >= 1, but got {options.MinResource}.", nameof(options));
        }

        if (options.MaxResource is { } max && max < options.MinResource)
        {
            throw new ArgumentException($"MaxResource must be >= MinResource ({options.MinResource}) or null (auto), but got {max}.", nameof(options));
        }

        if (options.ReductionFactor < 2)
        {
            throw new ArgumentException($"ReductionFactor must be >= 2, but got {options.ReductionFactor}.", nameof(options));
        }

        if (!Enum.IsDefined(options.SamplerTrials))
        {
            throw new ArgumentException($"SamplerTrials {(int)options.SamplerTrials} is not one of All, Informative, Bracket, LargestBudget.", nameof(options));
        }

        if (options.BootstrapCount < 0)
        {
            throw new ArgumentException($"BootstrapCount must be >= 0, but got {options.BootstrapCount}.", nameof(options));
        }

        if (options.BootstrapCount > 0 && options.MaxResource is null)
        {
            throw new ArgumentException(
                $"BootstrapCount {options.BootstrapCount} needs an explicit MaxResource; with MaxResource null (auto) it must be 0.", nameof(options));
        }

        Options = options;
        if (options.MaxResource is { } known)
        {
            brackets = new HyperbandBrackets(options.MinResource, known, options.ReductionFactor, options.BootstrapCount);
        }
    }

    /// <summary>The options in force.</summary>
    public HyperbandPrunerOptions Options { get; }

    /// <summary>The number of brackets, or <see langword="null"/> while the maximum resource is still unknown (auto, and no trial has completed).</summary>
    public int? BracketCount => Volatile.Read(ref brackets)?.Count;

    /// <inheritdoc/>
    /// <value>Always <see langword="true"/>.</value>
    public override bool SupportsMultiObjective => true;

    /// <summary>The bracket of a trial: 0 (prunes first) to <see cref="BracketCount"/> − 1.</summary>
    /// <param name="study">The study (its name is hashed).</param>
    /// <param name="trialNumber">The trial's number.</param>
    /// <returns>The bracket, or <see langword="null"/> while the brackets are unknown.</returns>
    public int? GetBracket(Study study, int trialNumber)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Brackets(study)?.BracketOf(study.Name, trialNumber);
    }

    /// <inheritdoc/>
    public override bool Prune(Study study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (Brackets(study) is not { } known)
        {
            return false;
        }

        var bracket = known.BracketOf(study.Name, trial.Number);
        return known.Rules[bracket].ShouldPrune(study, trial, () => InBracket(known, study, bracket));
    }

    /// <inheritdoc/>
    /// <remarks>As <see cref="HyperbandPrunerOptions.SamplerTrials"/> says; until the brackets are known (automatic maximum resource), all trials.</remarks>
    public override IReadOnlyList<TrialRecord>? TrialsForSampler(Study study, int trialNumber)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (Options.SamplerTrials == HyperbandSamplerTrials.All || Brackets(study) is not { } known)
        {
            return null;
        }

        return Options.SamplerTrials switch
        {
            HyperbandSamplerTrials.Bracket => [.. InBracket(known, study, known.BracketOf(study.Name, trialNumber))],
            HyperbandSamplerTrials.LargestBudget => BudgetView.Of(study.Trials, known.Budgets),
            _ => InformativeView.Of(study.Trials, study.Directions.Count),
        };
    }

    private static IEnumerable<TrialRecord> InBracket(HyperbandBrackets known, Study study, int bracket)
    {
        foreach (var trial in study.Trials)
        {
            if (known.BracketOf(study.Name, trial.Number) == bracket)
            {
                yield return trial;
            }
        }
    }

    /// <summary>The brackets; with an automatic maximum resource, built when the first trial has completed.</summary>
    private HyperbandBrackets? Brackets(Study study)
    {
        if (Volatile.Read(ref brackets) is { } known)
        {
            return known;
        }

        long? lastStep = null;
        foreach (var trial in study.Trials)
        {
            if (trial.State == TrialState.Complete && trial.LastStep is { } s && (lastStep is null || s > lastStep))
            {
                lastStep = s;
            }
        }

        if (lastStep is not { } last)
        {
            return null;
        }

        lock (gate)
        {
            // The first estimate wins, so that concurrent workers agree on the brackets.
            brackets ??= new HyperbandBrackets(Options.MinResource, Math.Max(last + 1, Options.MinResource), Options.ReductionFactor, Options.BootstrapCount);
            return brackets;
        }
    }
}
