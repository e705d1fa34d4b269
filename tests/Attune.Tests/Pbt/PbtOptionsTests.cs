using Attune.Pbt;

namespace Attune.Tests.Pbt;

public sealed class PbtOptionsTests
{
    public static TheoryData<string, PbtOptions> BadOptions => new()
    {
        { "PopulationSize", new PbtOptions { PopulationSize = 1 } },
        { "PerturbationInterval", new PbtOptions { PerturbationInterval = 0 } },
        { "TotalSteps", new PbtOptions { TotalSteps = 3 } },
        { "Quantile", new PbtOptions { Quantile = 0.6 } },
        { "Quantile", new PbtOptions { Quantile = 0 } },
        { "Quantile", new PbtOptions { Quantile = double.NaN } },
        { "ResampleProbability", new PbtOptions { ResampleProbability = 1.5 } },
        { "PerturbationFactors", new PbtOptions { PerturbationFactors = [] } },
        { "PerturbationFactors", new PbtOptions { PerturbationFactors = [0.8, -1] } },
        { "Parallelism", new PbtOptions { Parallelism = 0 } },
        { "Mode", new PbtOptions { Mode = (PbtMode)7 } },
        { "Explore", new PbtOptions { Explore = (PbtExplore)7 } },
        { "PollInterval", new PbtOptions { PollInterval = TimeSpan.Zero } },
        { "Direction", new PbtOptions { Direction = StudyDirection.Minimize } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_fail_when_the_runner_is_created_naming_the_option(string name, PbtOptions options)
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var e = Assert.Throws<ArgumentException>(() => new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options with { PopulationSize = options.PopulationSize == 1 ? 1 : 4 }, new InMemoryCheckpointStore()));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_search_space_and_a_multi_objective_study_are_refused()
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var e = Assert.Throws<ArgumentException>(() => new PopulationBasedTraining(study, new PbtSearchSpace(), _ => new ToyMember()));
        Assert.Contains("search space is empty", e.Message, StringComparison.Ordinal);

        using var multi = Study.Create(new StudyOptions { Directions = [StudyDirection.Maximize, StudyDirection.Minimize] });
        e = Assert.Throws<ArgumentException>(() => new PopulationBasedTraining(multi, ToyMember.Space, _ => new ToyMember()));
        Assert.Contains("2 objectives", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_search_spaces_are_refused_naming_the_hyperparameter()
    {
        var e = Assert.Throws<ArgumentException>(() => new PbtSearchSpace().AddFloat("lr", 0, 1, log: true));
        Assert.Contains("'lr'", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new PbtSearchSpace().AddFloat("lr", 0.1, 1).AddInt("lr", 1, 2));
        Assert.Contains("already has a hyperparameter named 'lr'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_a_study_with_other_settings_is_refused()
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var options = new PbtOptions { PopulationSize = 2, PerturbationInterval = 1, TotalSteps = 4, Seed = 1 };
        await new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options, new InMemoryCheckpointStore()).RunAsync();
        var other = new PopulationBasedTraining(study, ToyMember.Space, _ => new ToyMember(), options with { PopulationSize = 3, TotalSteps = 6 }, new InMemoryCheckpointStore());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => other.RunAsync());
        Assert.Contains("PopulationSize = 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_score_that_is_not_finite_fails_the_segment_with_a_clear_error()
    {
        using var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        var options = new PbtOptions { PopulationSize = 2, PerturbationInterval = 1, TotalSteps = 4, Seed = 1 };
        var runner = new PopulationBasedTraining(study, OriginMember.Space, _ => new NanMember(), options, new InMemoryCheckpointStore());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync());
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, Assert.Single(study.Trials).State);
    }

    private sealed class NanMember : IPbtMember
    {
        public void Initialize(PbtHyperparameters hyperparameters)
        {
        }

        public ValueTask<double> TrainAsync(int steps, CancellationToken cancellationToken) => ValueTask.FromResult(double.NaN);

        public ValueTask SaveAsync(Stream destination, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask LoadAsync(Stream source, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
