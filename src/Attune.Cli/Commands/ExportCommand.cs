using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune export</c>: writes every field of every trial as CSV or JSON.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var format = CommonOptions.Format(OutputFormat.Csv);
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: standard output).", HelpName = "FILE" };
        var command = new Command("export", "Export all trials with their parameters, attributes and intermediate values as CSV or JSON.")
        {
            storage, study, format, output,
        };
        command.SetAction(result =>
        {
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var trials = loaded.Trials;
            if (result.GetValue(output) is { } path)
            {
                using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
                TrialTable.Write(trials, loaded.Directions.Count, result.GetValue(format), full: true, file);
                console.Error.WriteLine($"Wrote {trials.Count} trials to {path}.");
            }
            else
            {
                TrialTable.Write(trials, loaded.Directions.Count, result.GetValue(format), full: true, console.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
