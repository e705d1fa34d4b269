namespace Attune;

/// <summary>Thrown when a study is created under a name that a study in the same storage already has.</summary>
public class DuplicateStudyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateStudyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DuplicateStudyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DuplicateStudyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static DuplicateStudyException For(string name) =>
        new($"A study named '{name}' already exists in this storage; choose another name, or set LoadIfExists = true to continue it.");
}
