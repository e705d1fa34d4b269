namespace Attune.Terminators;

/// <summary>Estimates the noise in the evaluation of the objective: improvements below it are not worth pursuing.</summary>
public interface IErrorEvaluator
{
    /// <summary>Estimates the noise.</summary>
    /// <param name="trials">The study's complete trials (at least one).</param>
    /// <param name="direction">The study's direction.</param>
    /// <returns>A non-negative amount, in the units of the objective.</returns>
    double Evaluate(IReadOnlyList<TrialRecord> trials, StudyDirection direction);
}
