using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune copy-study</c>: copies a study with its trials to another storage (or another name).</summary>
internal static class CopyStudyCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage("--from-storage");
        storage.Aliases.Add("--storage");
        var study = CommonOptions.Study();
        var toStorage = new Option<string?>("--to-storage") { Description = "The target storage URL (default: the source storage).", HelpName = "URL" };
        var toStudy = new Option<string?>("--to-study", "--to-study-name") { Description = "The copy's name (default: the source's name).", HelpName = "NAME" };
        var command = new Command("copy-study", "Copy a study, its attributes and all its trials to another storage or name.")
        {
            storage, study, toStorage, toStudy,
        };
        command.SetAction(result =>
        {
            var from = StorageOpener.Resolve(result.GetValue(storage));
            var to = result.GetValue(toStorage) ?? from;
            var name = result.GetValue(study)!;
            var target = result.GetValue(toStudy) ?? name;
            if (to == from && target == name)
            {
                throw new CliException(ExitCodes.Usage, "copying a study onto itself: give --to-storage or --to-study.");
            }

            using var source = StorageOpener.Open(from, mustExist: true);
            using var destination = to == from ? null : StorageOpener.Open(to, mustExist: false);
            using var copy = Study.Copy(name, source, destination ?? source, target);
            console.Out.WriteLine(copy.Name);
            return ExitCodes.Success;
        });
        return command;
    }
}
