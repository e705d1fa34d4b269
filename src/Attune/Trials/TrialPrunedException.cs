namespace Attune;

/// <summary>
/// Thrown by an objective to stop a trial that a pruner judged unpromising; the trial is recorded as
/// <see cref="TrialState.Pruned"/> with its last intermediate value as its value. Typical use:
/// <c>if (trial.ShouldPrune()) throw new TrialPrunedException();</c>
/// </summary>
public class TrialPrunedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrialPrunedException()
        : base("The trial was pruned.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public TrialPrunedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TrialPrunedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
