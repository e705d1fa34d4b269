using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune enqueue</c>: queues a trial with fixed parameters for the next worker to ask.</summary>
internal static class EnqueueCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var parameters = new Option<string>("--params")
        {
            Description = "The parameter values, as a JSON object inline or @FILE, e.g. '{\"x\": 0.5, \"booster\": \"gbdt\"}'.",
            Required = true,
            HelpName = "JSON|@FILE",
        };
        var userAttrs = new Option<string?>("--user-attrs") { Description = "User attributes of the trial, as a JSON object.", HelpName = "JSON|@FILE" };
        var skip = new Option<bool>("--skip-if-exists") { Description = "Do nothing when a trial with the same parameters exists (in any state)." };
        var command = new Command("enqueue", "Queue a trial with fixed parameters; the next ask (by any worker) takes it.")
        {
            storage, study, parameters, userAttrs, skip,
        };
        command.SetAction(result =>
        {
            var values = InlineDocument.Object(result.GetValue(parameters)!, "--params");
            var attrs = result.GetValue(userAttrs) is { } a ? InlineDocument.Object(a, "--user-attrs") : null;
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var enqueued = loaded.EnqueueTrial(values, attrs, result.GetValue(skip));
            console.Error.WriteLine(enqueued ? $"Enqueued a trial in study '{loaded.Name}'." : "A trial with these parameters exists; nothing enqueued.");
            return ExitCodes.Success;
        });
        return command;
    }
}
