using System.CommandLine;

namespace Attune.Cli;

/// <summary><c>attune create-study</c>: creates a study and prints its name.</summary>
internal static class CreateStudyCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study(required: false);
        var direction = CommonOptions.Direction();
        var directions = CommonOptions.Directions();
        var skip = new Option<bool>("--skip-if-exists") { Description = "Succeed without change when the study exists (its directions must match)." };
        var command = new Command("create-study", "Create a study and print its name (a generated name when --study is not given).")
        {
            storage, study, direction, directions, skip,
        };
        command.SetAction(result =>
        {
            var parsed = CommonOptions.ParseDirections(result.GetValue(direction), result.GetValue(directions));
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: false);
            Study created;
            try
            {
                created = Study.Create(new StudyOptions
                {
                    Name = result.GetValue(study),
                    StorageInstance = opened,
                    Directions = parsed,
                    LoadIfExists = result.GetValue(skip),
                });
            }
            catch (DuplicateStudyException e)
            {
                throw new CliException(ExitCodes.StudyExists, $"a study named '{result.GetValue(study)}' already exists in {Attune.Storage.StorageUrl.Redact(url)}; pass --skip-if-exists to accept it.", e);
            }

            using var _ = created;
            console.Out.WriteLine(created.Name);
            return ExitCodes.Success;
        });
        return command;
    }
}
