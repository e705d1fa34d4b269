using Attune.Pruners;
using Attune.Samplers;
using Attune.Storage;

namespace Attune.Cli;

/// <summary>Loads a study for a command, with a message that names the storage and the studies it has when the name is wrong.</summary>
internal static class StudyLoader
{
    /// <exception cref="CliException">No study has that name (exit code <see cref="ExitCodes.StudyNotFound"/>).</exception>
    public static Study Load(string name, IStorage storage, string url, Sampler? sampler = null, Pruner? pruner = null)
    {
        if (storage.FindStudy(name) is null)
        {
            var names = storage.GetAllStudies().Select(s => s.Name).ToList();
            throw new CliException(ExitCodes.StudyNotFound,
                $"no study named '{name}' in {StorageUrl.Redact(url)}; " +
                (names.Count == 0 ? "it has no studies." : $"it has {string.Join(", ", names.Take(10).Select(n => $"'{n}'"))}{(names.Count > 10 ? ", …" : string.Empty)}."));
        }

        return Study.Load(name, storage, sampler, pruner);
    }
}
