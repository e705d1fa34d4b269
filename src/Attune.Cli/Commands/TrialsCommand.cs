using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune trials</c>, <c>attune best-trial</c>, <c>attune best-trials</c>: print trials.</summary>
internal static class TrialsCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var format = CommonOptions.Format();
        var states = new Option<string[]>("--state")
        {
            Description = "Only trials in these states: complete, pruned, fail, running, waiting.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "STATE",
        };
        var command = new Command("trials", "Print the trials of a study.") { storage, study, format, states };
        command.SetAction(result =>
        {
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var filter = (result.GetValue(states) ?? []).Select(ParseState).ToArray();
            TrialTable.Write(loaded.GetTrials(filter), loaded.Directions.Count, result.GetValue(format), full: false, console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateBest(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var format = CommonOptions.Format();
        var command = new Command("best-trial", "Print the best trial of a single-objective study.") { storage, study, format };
        command.SetAction(result =>
        {
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            if (loaded.Directions.Count != 1)
            {
                throw new CliException(ExitCodes.BadInput, $"study '{loaded.Name}' has {loaded.Directions.Count} objectives; use best-trials for its Pareto front.");
            }

            var best = loaded.BestTrials;
            if (best.Count == 0)
            {
                throw new CliException(ExitCodes.NoResult, $"study '{loaded.Name}' has no complete trial yet.");
            }

            var trial = loaded.BestTrial;
            if (result.GetValue(format) == OutputFormat.Json)
            {
                console.Out.Write(JsonOutput.Serialize(TrialTable.Nested([trial], 1, full: false)[0]));
            }
            else
            {
                TrialTable.Write([trial], 1, result.GetValue(format), full: false, console.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateBestTrials(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var format = CommonOptions.Format();
        var command = new Command("best-trials", "Print the Pareto-optimal trials (for one objective, every trial with the best value).") { storage, study, format };
        command.SetAction(result =>
        {
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var best = loaded.BestTrials;
            if (best.Count == 0)
            {
                throw new CliException(ExitCodes.NoResult, $"study '{loaded.Name}' has no complete trial yet.");
            }

            TrialTable.Write(best, loaded.Directions.Count, result.GetValue(format), full: false, console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    public static TrialState ParseState(string text) => text.ToLowerInvariant() switch
    {
        "complete" => TrialState.Complete,
        "pruned" => TrialState.Pruned,
        "fail" or "failed" => TrialState.Fail,
        "running" => TrialState.Running,
        "waiting" => TrialState.Waiting,
        _ => throw new CliException(ExitCodes.Usage, $"'{text}' is not a trial state; use complete, pruned, fail, running or waiting."),
    };
}
