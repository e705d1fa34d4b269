namespace Attune.Terminators;

/// <summary>
/// Decides that a single-objective study should end because the room for improvement (from
/// <see cref="TerminatorOptions.ImprovementEvaluator"/>) has fallen below the noise of the evaluation (from
/// <see cref="TerminatorOptions.ErrorEvaluator"/>). Ask it with <see cref="ShouldTerminate(Study)"/>, or let a
/// <see cref="TerminatorCallback"/> stop the study from <see cref="OptimizeOptions.Callbacks"/>.
/// </summary>
public sealed class Terminator
{
    /// <summary>The trial system attribute that holds the cross-validation scores (the key Optuna uses).</summary>
    public const string CrossValidationScoresKey = "terminator:cv_scores";

    /// <summary>Creates a terminator with the defaults: regret bound against cross-validation error, after 20 trials.</summary>
    public Terminator()
        : this(new TerminatorOptions())
    {
    }

    /// <summary>Creates a terminator.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TerminatorOptions.MinTrials"/> is below 2.</exception>
    public Terminator(TerminatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinTrials < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinTrials, "MinTrials must be at least 2.");
        }

        MinTrials = options.MinTrials;
        ImprovementEvaluator = options.ImprovementEvaluator ?? new RegretBoundEvaluator();
        ErrorEvaluator = options.ErrorEvaluator ?? new CrossValidationErrorEvaluator();
    }

    /// <summary>How many complete trials the study needs before the terminator can fire.</summary>
    public int MinTrials { get; }

    /// <summary>Estimates the room for improvement.</summary>
    public IImprovementEvaluator ImprovementEvaluator { get; }

    /// <summary>Estimates the noise of the evaluation.</summary>
    public IErrorEvaluator ErrorEvaluator { get; }

    /// <summary>Records the scores of a trial's cross-validation folds, for <see cref="CrossValidationErrorEvaluator"/>.</summary>
    /// <param name="trial">The running trial.</param>
    /// <param name="scores">One score per fold, at least two, all finite.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two scores, or a score is NaN or infinite.</exception>
    public static void ReportCrossValidationScores(Trial trial, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count < 2)
        {
            throw new ArgumentException($"Cross-validation needs at least 2 scores, got {scores.Count}.", nameof(scores));
        }

        for (var i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"Score {i} is {scores[i]}; cross-validation scores must be finite.", nameof(scores));
            }
        }

        trial.SetSystemAttr(CrossValidationScoresKey, AttributeNumbers.Encode(scores));
    }

    /// <summary>Reads the cross-validation scores a trial reported.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The scores, or <see langword="null"/> when the trial has fewer than two.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is null.</exception>
    public static double[]? ReadCrossValidationScores(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.SystemAttrs.TryGetValue(CrossValidationScoresKey, out var raw)
            && AttributeNumbers.TryDecode(raw, out double[] scores)
            && scores.Length >= 2
            ? scores
            : null;
    }

    /// <summary>Whether the study should end: it has <see cref="MinTrials"/> complete trials and the room for improvement is below the noise.</summary>
    /// <param name="study">A single-objective study.</param>
    /// <returns><see langword="true"/> to end the study.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The study has several objectives, or an evaluator cannot evaluate (e.g. no cross-validation scores).</exception>
    public bool ShouldTerminate(Study study) => Evaluate(study) is { } estimate && estimate.RegretBound < estimate.Error;

    /// <summary>Both estimates for a study, or <see langword="null"/> before it has <see cref="MinTrials"/> complete trials.</summary>
    /// <param name="study">A single-objective study.</param>
    /// <returns>The room for improvement and the noise.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The study has several objectives, or an evaluator cannot evaluate.</exception>
    public (double RegretBound, double Error)? Evaluate(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var direction = study.Direction;
        var complete = study.GetTrials(TrialState.Complete);
        if (complete.Count < MinTrials)
        {
            return null;
        }

        return (ImprovementEvaluator.Evaluate(complete, direction), ErrorEvaluator.Evaluate(complete, direction));
    }
}
