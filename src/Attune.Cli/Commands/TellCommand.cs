using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune tell</c>: finishes a trial started by <c>attune ask</c> (or any worker).</summary>
internal static class TellCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var number = new Option<int>("--trial-number", "-n") { Description = "The trial's number.", Required = true, HelpName = "N" };
        var values = new Option<string[]>("--values", "--value")
        {
            Description = "The objective values, one per direction (completes the trial).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "VALUE",
        };
        var state = new Option<string?>("--state") { Description = "complete (with --values), pruned or fail.", HelpName = "STATE" };
        var skip = new Option<bool>("--skip-if-finished") { Description = "Succeed without change when the trial is already finished." };
        var format = CommonOptions.Format();
        var command = new Command("tell", "Finish a trial: complete it with its values, or mark it pruned or failed.")
        {
            storage, study, number, values, state, skip, format,
        };
        command.SetAction(result =>
        {
            var given = result.GetValue(values) ?? [];
            var told = result.GetValue(state) is { } s ? TrialsCommand.ParseState(s) : TrialState.Complete;
            if (told == TrialState.Complete && given.Length == 0)
            {
                throw new CliException(ExitCodes.Usage, "give --values to complete the trial, or --state pruned|fail.");
            }

            if (told != TrialState.Complete && given.Length > 0)
            {
                throw new CliException(ExitCodes.Usage, $"--values completes a trial; drop them to tell {told.ToString().ToLowerInvariant()}.");
            }

            if (told is TrialState.Running or TrialState.Waiting)
            {
                throw new CliException(ExitCodes.Usage, "--state must be complete, pruned or fail.");
            }

            var parsed = InlineDocument.Numbers(given, "--values");
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var trialNumber = result.GetValue(number);
            var trials = loaded.Trials;
            if (trialNumber < 0 || trialNumber >= trials.Count)
            {
                throw new CliException(ExitCodes.NoResult, $"study '{loaded.Name}' has no trial {trialNumber} (it has {trials.Count} trials).");
            }

            if (trials[trialNumber].State.IsFinished())
            {
                var message = $"trial {trialNumber} of study '{loaded.Name}' is already finished ({trials[trialNumber].State}).";
                if (result.GetValue(skip))
                {
                    console.Error.WriteLine($"attune: {message} Skipped.");
                    return ExitCodes.Success;
                }

                throw new CliException(ExitCodes.BadInput, message + " Pass --skip-if-finished to ignore this.");
            }

            var record = told == TrialState.Complete ? loaded.Tell(trialNumber, parsed) : loaded.Tell(trialNumber, told);
            TrialTable.Write([record], loaded.Directions.Count, result.GetValue(format), full: false, console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
