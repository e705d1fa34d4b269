namespace Attune.Samplers;

/// <summary>
/// Thrown by a sampler that has nothing left to propose (every grid point taken, a finite space
/// enumerated). <see cref="Study.Optimize(Func{Trial, double}, OptimizeOptions?)"/> ends quietly
/// when it sees it; <see cref="Study.Ask()"/> lets it through.
/// </summary>
public class SearchSpaceExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SearchSpaceExhaustedException()
        : base("The sampler has no configuration left to propose.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SearchSpaceExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SearchSpaceExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
