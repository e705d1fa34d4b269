using Attune.Pbt;
using Attune.Tests.Pbt;

namespace Attune.JournalWorker;

/// <summary>One runner of a population-based training run shared through a journal file and a checkpoint directory.</summary>
internal static class PbtWorker
{
    /// <summary>The options every runner of the shared run uses.</summary>
    public static PbtOptions Options => new()
    {
        PopulationSize = 6,
        PerturbationInterval = 2,
        TotalSteps = 6 * 30,
        Seed = 11,
        Mode = PbtMode.Asynchronous,
        PollInterval = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>Opens the study, prints "ready", waits for the go file, runs, and prints how many segments this process trained.</summary>
    /// <param name="journal">The journal file.</param>
    /// <param name="checkpoints">The checkpoint directory.</param>
    /// <param name="go">The file whose appearance starts the run.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string journal, string checkpoints, string go)
    {
        using var study = Study.Create(new StudyOptions { Name = "pbt", Storage = "journal:" + journal, LoadIfExists = true, Direction = StudyDirection.Maximize });
        Console.WriteLine("ready");
        while (!File.Exists(go))
        {
            await Task.Delay(1);
        }

        var trained = 0;
        var runner = new PopulationBasedTraining(
            study, ToyMember.Space, _ => { Interlocked.Increment(ref trained); return new ToyMember(); }, Options, new DirectoryCheckpointStore(checkpoints));
        await runner.RunAsync();
        Console.WriteLine(trained);
        return 0;
    }
}
