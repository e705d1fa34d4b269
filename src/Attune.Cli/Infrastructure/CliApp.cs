using System.CommandLine;
using System.CommandLine.Invocation;

namespace Attune.Cli;

/// <summary>The <c>attune</c> command line: builds the commands, parses, runs, and maps errors to exit codes.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("attune: create, inspect, export and plot Attune studies, and tune any program with 'attune run'.")
        {
            CreateStudyCommand.Create(console),
            DeleteStudyCommand.Create(console),
            CopyStudyCommand.Create(console),
            StudiesCommand.Create(console),
            StudiesCommand.CreateNames(console),
            TrialsCommand.Create(console),
            TrialsCommand.CreateBest(console),
            TrialsCommand.CreateBestTrials(console),
            AskCommand.Create(console),
            TellCommand.Create(console),
            EnqueueCommand.Create(console),
            ExportCommand.Create(console),
            StorageCommand.Create(console),
            ImportancesCommand.Create(console),
            PlotCommand.Create(console),
            ReportCommand.Create(console),
            RunCommand.Create(console),
        };
        return root;
    }

    /// <summary>Runs the command line and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = Build(console);
        // No response files: "@FILE" is how options such as --search-space and --params read a file.
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Action is ParseErrorAction)
        {
            foreach (var error in result.Errors)
            {
                console.Error.WriteLine($"attune: error: {error.Message}");
            }

            var command = result.CommandResult.Command;
            console.Error.WriteLine($"Run '{(command is RootCommand ? "attune" : "attune " + command.Name)} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await result.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = console.Out,
                    Error = console.Error,
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = null,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("attune: interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, console);
        }
    }
}
