using Attune.Pbt;

namespace Attune.Tests.Pbt;

public sealed class PbtSmokeTests
{
    [Theory]
    [InlineData(PbtMode.Synchronous, PbtExplore.Perturb)]
    [InlineData(PbtMode.Asynchronous, PbtExplore.Perturb)]
    [InlineData(PbtMode.Synchronous, PbtExplore.Pb2)]
    public async Task Toy_run_completes_and_records_every_segment(PbtMode mode, PbtExplore explore)
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var options = new PbtOptions { PopulationSize = 4, PerturbationInterval = 5, TotalSteps = 400, Seed = 1, Mode = mode, Explore = explore, Parallelism = 2 };
        var store = new InMemoryCheckpointStore();
        var pbt = new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, store);
        var result = await pbt.RunAsync();
        Assert.Equal(4 * 20, study.Trials.Count(t => t.State == TrialState.Complete));
        Assert.True(result.Best.Score > 1.0, $"best {result.Best.Score}");
        Assert.Equal(4, store.Ids.Count);
    }
}
