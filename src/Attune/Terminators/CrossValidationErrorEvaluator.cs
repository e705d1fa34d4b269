namespace Attune.Terminators;

/// <summary>
/// The noise of the objective estimated from the cross-validation scores of the best trial (reported with
/// <see cref="Terminator.ReportCrossValidationScores(Trial, IReadOnlyList{double})"/>): with k scores of population
/// variance s², the standard deviation √((1/k + 1/(k−1))·s²) — the variance of a k-fold mean corrected for the
/// correlation between folds (Nadeau and Bengio's correction, as Optuna's terminator uses it).
/// </summary>
public sealed class CrossValidationErrorEvaluator : IErrorEvaluator
{
    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The best trial has no cross-validation scores, or fewer than two.</exception>
    public double Evaluate(IReadOnlyList<TrialRecord> trials, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(trials);
        TrialRecord? best = null;
        foreach (var trial in trials)
        {
            if (trial.State != TrialState.Complete || trial.Value is not { } value)
            {
                continue;
            }

            if (best is null || (direction == StudyDirection.Minimize ? value < best.Value!.Value : value > best.Value!.Value))
            {
                best = trial;
            }
        }

        if (best is null)
        {
            throw new InvalidOperationException("The study has no complete trial to read cross-validation scores from.");
        }

        var scores = Terminator.ReadCrossValidationScores(best) ?? throw new InvalidOperationException(
            $"The best trial ({best.Number}) has no cross-validation scores; report them in the objective with Terminator.ReportCrossValidationScores(trial, scores), or use a StaticErrorEvaluator.");
        var k = scores.Length;
        var mean = scores.Average();
        var variance = scores.Sum(s => (s - mean) * (s - mean)) / k;
        return Math.Sqrt(((1.0 / k) + (1.0 / (k - 1))) * variance);
    }
}
