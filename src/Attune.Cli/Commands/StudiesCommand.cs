using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune studies</c> and <c>attune study-names</c>: list the studies of a storage.</summary>
internal static class StudiesCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var format = CommonOptions.Format();
        var command = new Command("studies", "List the studies with their directions, trial counts, best values and start times.") { storage, format };
        command.SetAction(result =>
        {
            using var opened = StorageOpener.Open(StorageOpener.Resolve(result.GetValue(storage)), mustExist: true);
            var rows = new List<IReadOnlyDictionary<string, object?>>();
            foreach (var summary in Study.ListStudies(opened))
            {
                rows.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = summary.Name,
                    ["direction"] = string.Join(",", summary.Directions.Select(d => d.ToString().ToUpperInvariant())),
                    ["n_trials"] = (long)summary.TrialCount,
                    ["best_value"] = summary.BestTrial?.Value,
                    ["datetime_start"] = TrialTable.Time(summary.StartedAt),
                });
            }

            TableWriter.Write(new Table(["name", "direction", "n_trials", "best_value", "datetime_start"], rows), result.GetValue(format), console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateNames(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var format = CommonOptions.Format();
        var command = new Command("study-names", "Print the study names, one a line.") { storage, format };
        command.SetAction(result =>
        {
            using var opened = StorageOpener.Open(StorageOpener.Resolve(result.GetValue(storage)), mustExist: true);
            var names = opened.GetAllStudies().Select(s => s.Name).ToList();
            switch (result.GetValue(format))
            {
                case OutputFormat.Json:
                    console.Out.Write(JsonOutput.Serialize(names.Cast<object?>().ToList()));
                    break;
                case OutputFormat.Csv:
                    TableWriter.Write(new Table(["name"], [.. names.Select(n => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["name"] = n })]), OutputFormat.Csv, console.Out);
                    break;
                default:
                    foreach (var name in names)
                    {
                        console.Out.WriteLine(name);
                    }

                    break;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
