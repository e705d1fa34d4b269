using System.CommandLine;
using Attune.Visualization;

namespace Attune.Cli;

/// <summary><c>attune plot KIND</c>: writes one figure of a study as HTML (plotly.js embedded), SVG, or its data as JSON.</summary>
internal static class PlotCommand
{
    public static readonly string[] Kinds =
    [
        "history", "intermediate", "parallel-coordinate", "contour", "slice", "importances", "edf", "pareto-front", "timeline", "rank", "hypervolume",
    ];

    public static Command Create(CliConsole console)
    {
        var kind = new Argument<string>("kind") { Description = "The figure: " + string.Join(", ", Kinds) + "." };
        kind.AcceptOnlyFromAmong(Kinds);
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var output = new Option<string?>("--output", "-o") { Description = "The file: .html (interactive, offline), .svg (static) or .json (the figure's data). Default STUDY-KIND.html.", HelpName = "FILE" };
        var parameters = new Option<string[]>("--params") { Description = "The parameters to plot (default all).", AllowMultipleArgumentsPerToken = true, HelpName = "NAME" };
        var objective = new Option<int?>("--objective") { Description = "For a multi-objective study: the index of the objective to plot.", HelpName = "K" };
        var targetName = new Option<string?>("--target-name") { Description = "The name of the plotted value (default 'Objective Value').", HelpName = "NAME" };
        var importances = new Option<string?>("--importances")
        {
            Description = "For importances: importance by parameter, as a JSON object inline or @FILE (default: computed from the study with --evaluator).",
            HelpName = "JSON|@FILE",
        };
        var evaluator = ImportancesCommand.Evaluator();
        var seed = ImportancesCommand.Seed();
        var reference = new Option<string[]>("--reference-point") { Description = "For hypervolume: the reference point, one value per objective.", AllowMultipleArgumentsPerToken = true, HelpName = "VALUE" };
        var compare = new Option<string[]>("--compare") { Description = "For edf: more studies of the same storage to draw beside the first.", AllowMultipleArgumentsPerToken = true, HelpName = "NAME" };
        var command = new Command("plot", "Write a figure of a study to an HTML, SVG or JSON file.")
        {
            kind, storage, study, output, parameters, objective, targetName, importances, evaluator, seed, reference, compare,
        };
        command.SetAction(result =>
        {
            var which = result.GetValue(kind)!;
            var importancesText = result.GetValue(importances);
            if (which == "importances" && importancesText is null)
            {
                ImportancesCommand.Validate(result.GetValue(evaluator));
            }

            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var names = result.GetValue(parameters) is { Length: > 0 } p ? p : null;
            var k = result.GetValue(objective);
            if (k is { } index && (index < 0 || index >= loaded.Directions.Count))
            {
                throw new CliException(ExitCodes.BadInput, $"--objective {index} is out of range; study '{loaded.Name}' has {loaded.Directions.Count} objectives.");
            }

            Func<TrialRecord, double>? target = k is { } i ? t => t.Values is { } v && i < v.Count ? v[i] : double.NaN : null;
            var label = result.GetValue(targetName) ?? (k is { } j ? $"Objective {j}" : "Objective Value");
            var figure = which switch
            {
                "history" => Plots.OptimizationHistory(loaded, target, label),
                "intermediate" => Plots.IntermediateValues(loaded),
                "parallel-coordinate" => Plots.ParallelCoordinate(loaded, names, target, label),
                "contour" => Plots.Contour(loaded, names, target, label),
                "slice" => Plots.Slice(loaded, names, target, label),
                "importances" => Plots.ParamImportances(
                    importancesText is null ? ImportancesCommand.Evaluate(loaded, result.GetValue(evaluator), result.GetValue(seed), names, k) : Importances(importancesText),
                    label),
                "edf" => Edf(loaded, opened, result.GetValue(compare) ?? [], target, label),
                "pareto-front" => Plots.ParetoFront(loaded),
                "timeline" => Plots.Timeline(loaded),
                "rank" => Plots.Rank(loaded, names, target, label),
                _ => Plots.HypervolumeHistory(loaded, InlineDocument.Numbers(result.GetValue(reference) ?? [], "--reference-point")),
            };
            var path = result.GetValue(output) ?? $"{Safe(loaded.Name)}-{which}.html";
            Save(figure, path);
            console.Error.WriteLine($"Wrote {path}.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Save(Figure figure, string path)
    {
        if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(path, FigureJson.Serialize(figure));
            return;
        }

        try
        {
            FigureFile.Save(figure, path);
        }
        catch (ArgumentException e) when (e.ParamName == "path")
        {
            throw new CliException(ExitCodes.Usage, $"cannot tell the format of '{path}': use a .html, .svg or .json file.", e);
        }
    }

    public static IReadOnlyDictionary<string, double> Importances(string text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in InlineDocument.Object(text, "--importances"))
        {
            result[name] = value switch
            {
                double d => d,
                long l => l,
                _ => throw new CliException(ExitCodes.BadInput, $"--importances: the importance of '{name}' must be a number."),
            };
        }

        return result;
    }

    private static Figure Edf(Study first, Attune.Storage.IStorage storage, string[] others, Func<TrialRecord, double>? target, string label)
    {
        var studies = new List<Study> { first };
        try
        {
            studies.AddRange(others.Select(name => Study.Load(name, storage)));
            return Plots.Edf(studies, target, label);
        }
        finally
        {
            foreach (var extra in studies.Skip(1))
            {
                extra.Dispose();
            }
        }
    }

    internal static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
