using System.CommandLine;
using Attune.Visualization;

namespace Attune.Cli;

/// <summary><c>attune report</c>: one HTML page with a study's summary, best trials and main figures.</summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file (default STUDY-report.html).", HelpName = "FILE" };
        var importances = new Option<string?>("--importances") { Description = "Importance by parameter, as a JSON object inline or @FILE, to add the importance figure.", HelpName = "JSON|@FILE" };
        var reference = new Option<string[]>("--reference-point") { Description = "The hypervolume reference point of a multi-objective study.", AllowMultipleArgumentsPerToken = true, HelpName = "VALUE" };
        var command = new Command("report", "Write a one-page HTML report of a study: summary, best trials and the main figures (opens offline).")
        {
            storage, study, output, importances, reference,
        };
        command.SetAction(result =>
        {
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var referencePoint = result.GetValue(reference) is { Length: > 0 } r ? InlineDocument.Numbers(r, "--reference-point") : null;
            var options = new StudyReportOptions
            {
                Importances = result.GetValue(importances) is { } text ? PlotCommand.Importances(text) : null,
                ReferencePoint = referencePoint,
            };
            var path = result.GetValue(output) ?? $"{PlotCommand.Safe(loaded.Name)}-report.html";
            using (var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
            {
                StudyReport.Write(loaded, writer, options);
            }

            console.Error.WriteLine($"Wrote {path}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
