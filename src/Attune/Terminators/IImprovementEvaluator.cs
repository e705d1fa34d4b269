namespace Attune.Terminators;

/// <summary>Estimates how much a study could still improve on its best value (larger: more room left).</summary>
public interface IImprovementEvaluator
{
    /// <summary>Estimates the room for improvement.</summary>
    /// <param name="trials">The study's complete trials (at least one).</param>
    /// <param name="direction">The study's direction.</param>
    /// <returns>A non-negative amount, in the units of the objective.</returns>
    double Evaluate(IReadOnlyList<TrialRecord> trials, StudyDirection direction);
}
