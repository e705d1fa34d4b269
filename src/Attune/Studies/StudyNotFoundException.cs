namespace Attune;

/// <summary>Thrown when a study name or identifier does not exist in the storage.</summary>
public class StudyNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public StudyNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public StudyNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StudyNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static StudyNotFoundException ForName(string name) =>
        new($"No study named '{name}' exists in this storage.");

    internal static StudyNotFoundException ForId(int id) =>
        new($"No study with id {id} exists in this storage.");
}
