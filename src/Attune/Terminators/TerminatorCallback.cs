namespace Attune.Terminators;

/// <summary>
/// Stops a study (<see cref="Study.Stop"/>) once its <see cref="Terminator"/> says so; add its <see cref="Invoke"/> to
/// <see cref="OptimizeOptions.Callbacks"/>: <c>Callbacks = [new TerminatorCallback().Invoke]</c>.
/// </summary>
/// <param name="terminator">The rule; default a <see cref="Terminator"/> with its defaults.</param>
public sealed class TerminatorCallback(Terminator? terminator = null)
{
    /// <summary>The rule.</summary>
    public Terminator Terminator { get; } = terminator ?? new Terminator();

    /// <summary>Checks the study after a finished trial and stops it when the terminator fires.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The finished trial.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">
    /// The terminator cannot evaluate the study (e.g. the best trial reported no cross-validation scores); thrown from
    /// the callback, it ends the optimization run like an objective's exception.
    /// </exception>
    public void Invoke(Study study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (Terminator.ShouldTerminate(study))
        {
            study.Stop();
        }
    }
}
