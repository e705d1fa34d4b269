namespace Attune.Terminators;

/// <summary>An error evaluator that returns a fixed amount: the study ends once the room for improvement falls below it.</summary>
public sealed class StaticErrorEvaluator : IErrorEvaluator
{
    /// <summary>Creates the evaluator.</summary>
    /// <param name="error">The amount, in the units of the objective; non-negative and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="error"/> is negative, NaN or infinite.</exception>
    public StaticErrorEvaluator(double error)
    {
        if (!(error >= 0.0) || !double.IsFinite(error))
        {
            throw new ArgumentOutOfRangeException(nameof(error), error, "The error must be non-negative and finite.");
        }

        Error = error;
    }

    /// <summary>The fixed amount.</summary>
    public double Error { get; }

    /// <inheritdoc/>
    public double Evaluate(IReadOnlyList<TrialRecord> trials, StudyDirection direction) => Error;
}
