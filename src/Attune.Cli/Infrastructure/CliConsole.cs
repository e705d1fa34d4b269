namespace Attune.Cli;

/// <summary>Where a command writes: standard output for results, standard error for messages and progress.</summary>
/// <param name="Out">Results (tables, JSON, CSV).</param>
/// <param name="Error">Messages, warnings and progress.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal (live progress line) or a file or pipe (one line per trial).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    /// <summary>The process's console: the one place besides Program.Main where the CLI touches it.</summary>
#pragma warning disable RS0030 // The CLI writes to the console; the library never does.
    public static CliConsole FromSystem() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
#pragma warning restore RS0030
}
