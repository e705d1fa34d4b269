using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune delete-study</c>: deletes a study and its trials.</summary>
internal static class DeleteStudyCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var command = new Command("delete-study", "Delete a study and all its trials.") { storage, study };
        command.SetAction(result =>
        {
            var name = result.GetValue(study)!;
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using (StudyLoader.Load(name, opened, url))
            {
            }

            Study.Delete(name, opened);
            console.Error.WriteLine($"Deleted study '{name}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
