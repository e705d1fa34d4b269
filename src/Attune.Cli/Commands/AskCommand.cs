using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune ask</c>: starts a trial, suggests the search space's parameters and prints them.</summary>
internal static class AskCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var space = new Option<string?>("--search-space")
        {
            Description = "The parameters to suggest, as JSON or YAML inline or @FILE: {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}, …} (Optuna's distribution JSON is accepted too).",
            HelpName = "JSON|@FILE",
        };
        var direction = CommonOptions.Direction();
        var directions = CommonOptions.Directions();
        var sampler = CommonOptions.Sampler();
        var seed = CommonOptions.Seed();
        var format = CommonOptions.Format(OutputFormat.Json);
        var command = new Command("ask", "Start a trial and print its number and parameters (the study is created when it does not exist).")
        {
            storage, study, space, direction, directions, sampler, seed, format,
        };
        command.SetAction(result =>
        {
            var searchSpace = result.GetValue(space) is { } text
                ? SearchSpaceParser.FromTree(InlineDocument.Parse(text, "--search-space"), "--search-space")
                : null;
            var explicitDirections = result.GetValue(direction) is not null || result.GetValue(directions) is { Length: > 0 }
                ? CommonOptions.ParseDirections(result.GetValue(direction), result.GetValue(directions))
                : null;
            using var opened = StorageOpener.Open(StorageOpener.Resolve(result.GetValue(storage)), mustExist: false);
            using var loaded = Study.Create(new StudyOptions
            {
                Name = result.GetValue(study),
                StorageInstance = opened,
                Directions = explicitDirections,
                LoadIfExists = true,
                Sampler = SamplerRegistry.Create(result.GetValue(sampler), result.GetValue(seed), searchSpace),
            });
            var trial = loaded.Ask(searchSpace?.ToDictionary());
            var parameters = new OrderedRow();
            foreach (var (name, value) in trial.Params)
            {
                parameters.Add(name, value is int i ? (long)i : value);
            }

            switch (result.GetValue(format))
            {
                case OutputFormat.Json:
                    var row = new OrderedRow();
                    row.Add("number", (long)trial.Number);
                    row.Add("params", parameters);
                    console.Out.Write(JsonOutput.Serialize(row));
                    break;
                case var other:
                    var cells = new Dictionary<string, object?>(StringComparer.Ordinal) { ["number"] = (long)trial.Number };
                    foreach (var (name, value) in parameters)
                    {
                        cells["params_" + name] = value;
                    }

                    TableWriter.Write(new Table(["number", .. parameters.Keys.Select(k => "params_" + k)], [cells]), other, console.Out);
                    break;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
