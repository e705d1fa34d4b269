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
        var importances = new Option<string?>("--importances")
        {
            Description = "Importance by parameter, as a JSON object inline or @FILE, for the importance figure (default: computed from the study with --evaluator).",
            HelpName = "JSON|@FILE",
        };
        var evaluator = ImportancesCommand.Evaluator();
        var seed = ImportancesCommand.Seed();
        var reference = new Option<string[]>("--reference-point") { Description = "The hypervolume reference point of a multi-objective study.", AllowMultipleArgumentsPerToken = true, HelpName = "VALUE" };
        var command = new Command("report", "Write a one-page HTML report of a study: summary, best trials and the main figures (opens offline).")
        {
            storage, study, output, importances, evaluator, seed, reference,
        };
        command.SetAction(result =>
        {
            var importancesText = result.GetValue(importances);
            if (importancesText is null)
            {
                ImportancesCommand.Validate(result.GetValue(evaluator));
            }

            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var referencePoint = result.GetValue(reference) is { Length: > 0 } r ? InlineDocument.Numbers(r, "--reference-point") : null;
            var options = new StudyReportOptions
            {
                Importances = importancesText is not null
                    ? PlotCommand.Importances(importancesText)
                    : Computed(loaded, result.GetValue(evaluator), result.GetValue(seed), console.Error),
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

    /// <summary>
    /// The importances for the report's figure, or <see langword="null"/> (with a note on <paramref name="notes"/>) when they
    /// cannot say anything: fewer than 2 complete trials, fewer than 2 parameters, or trials the evaluator rejects.
    /// A multi-objective study's report has no importance figure, so nothing is computed for it.
    /// </summary>
    private static IReadOnlyDictionary<string, double>? Computed(Study study, string? evaluator, int? seed, TextWriter notes)
    {
        if (study.Directions.Count != 1)
        {
            return null;
        }

        var complete = study.Trials.Where(t => t.State == TrialState.Complete && t.Values is { Count: > 0 } v && double.IsFinite(v[0])).ToList();
        var parameters = complete.SelectMany(t => t.Params.Keys).Distinct(StringComparer.Ordinal).Count();
        var reason = complete.Count < 2 ? $"{complete.Count} complete trial(s)" : parameters < 2 ? $"{parameters} parameter(s)" : null;
        if (reason is not null)
        {
            notes.WriteLine($"No importance figure: the study has {reason}; importances need at least 2.");
            return null;
        }

        try
        {
            return ImportancesCommand.Evaluate(study, evaluator, seed, parameters: null, objective: null);
        }
        catch (ArgumentException e)
        {
            notes.WriteLine($"No importance figure: {ErrorReporter.Classify(e).Message}");
            return null;
        }
    }
}
