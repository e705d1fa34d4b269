using System.ComponentModel;
using System.Text.Json;

namespace Attune.Cli;

/// <summary>Turns an exception into a one-line message on standard error and an exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception error, CliConsole console)
    {
        var (code, message) = Classify(error);
        console.Error.WriteLine($"attune: error: {message}");
        return code;
    }

    public static (int Code, string Message) Classify(Exception error) => error switch
    {
        CliException e => (e.ExitCode, e.Message),
        StudyNotFoundException e => (ExitCodes.StudyNotFound, e.Message),
        DuplicateStudyException e => (ExitCodes.StudyExists, e.Message),
        JsonException e => (ExitCodes.BadInput, $"invalid JSON: {e.Message}"),
        Win32Exception e => (ExitCodes.CommandNotStarted, e.Message),
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted."),
        ArgumentException e => (ExitCodes.BadInput, StripParamName(e)),
        IOException e => (ExitCodes.Storage, e.Message),
        UnauthorizedAccessException e => (ExitCodes.Storage, e.Message),
        _ => (ExitCodes.Error, $"{error.GetType().Name}: {error.Message}"),
    };

    /// <summary>The message without the " (Parameter 'x')" suffix that ArgumentException appends.</summary>
    private static string StripParamName(ArgumentException e)
    {
        var message = e.Message;
        var suffix = e.ParamName is { } name ? $" (Parameter '{name}')" : null;
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
