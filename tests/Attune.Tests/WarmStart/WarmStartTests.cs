using Attune.Samplers;
using Attune.Storage.InMemory;

namespace Attune.Tests.WarmStart;

public sealed class WarmStartTests
{
    /// <summary>A source study of (x − 0.8)² + (y − 0.3)² over [0, 1]², with 40 random trials.</summary>
    private static Study Source(StudyDirection direction = StudyDirection.Minimize, InMemoryStorage? storage = null, string? name = null)
    {
        var source = Study.Create(new StudyOptions
        {
            Name = name,
            StorageInstance = storage,
            Direction = direction,
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }),
        });
        var sign = direction == StudyDirection.Minimize ? 1 : -1;
        source.Optimize(t => sign * Bowl(t), new OptimizeOptions { Trials = 40 });
        return source;
    }

    private static double Bowl(Trial trial)
    {
        var x = trial.SuggestFloat("x", 0, 1);
        var y = trial.SuggestFloat("y", 0, 1);
        return ((x - 0.8) * (x - 0.8)) + ((y - 0.3) * (y - 0.3));
    }

    // The mean distance of the first trials of a study from the bowl's centre (CMA-ES samples the first trial
    // independently, before it knows the search space, so that one can be skipped).
    private static double FirstTrialsDistance(Sampler sampler, IReadOnlyList<WarmStartSource>? from, int trials = 8, int skip = 0)
    {
        using var study = Study.Create(new StudyOptions { Sampler = sampler, WarmStartFrom = from });
        study.Optimize(Bowl, new OptimizeOptions { Trials = trials });
        return study.Trials.Skip(skip).Average(t => Math.Sqrt(t.Value!.Value));
    }

    [Fact]
    public void ReadsTheCompleteTrialsOfEverySourceNumberedInOrder()
    {
        using var first = Source();
        var storage = new InMemoryStorage();
        using var second = Source(storage: storage, name: "second");
        second.Tell(second.Ask(), TrialState.Fail);

        using var study = Study.Create(new StudyOptions { WarmStartFrom = [first, WarmStartSource.From("second", storage)] });

        Assert.Equal(80, study.WarmStartTrials.Count);
        Assert.Equal(Enumerable.Range(0, 80), study.WarmStartTrials.Select(t => t.Number));
        Assert.All(study.WarmStartTrials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Empty(study.Trials);
    }

    [Fact]
    public void SignsValuesForTheNewStudysDirection()
    {
        using var maximized = Source(StudyDirection.Maximize);
        using var study = Study.Create(new StudyOptions { WarmStartFrom = [maximized] });
        Assert.Equal(maximized.Trials.Select(t => -t.Value!.Value), study.WarmStartTrials.Select(t => t.Value!.Value));
        Assert.All(study.WarmStartTrials, t => Assert.True(t.Value >= 0));
    }

    [Fact]
    public void ReadsTrialsInHandAndFailsClearlyOnWhatItCannotRead()
    {
        using var source = Source();
        using var fromRecords = Study.Create(new StudyOptions { WarmStartFrom = [WarmStartSource.From(source.Trials, StudyDirection.Minimize)] });
        Assert.Equal(40, fromRecords.WarmStartTrials.Count);

        Assert.Throws<StudyNotFoundException>(() => Study.Create(new StudyOptions { WarmStartFrom = [WarmStartSource.From("missing", new InMemoryStorage())] }));
        using var twoObjectives = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });
        var error = Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { WarmStartFrom = [twoObjectives] }));
        Assert.Contains("single-objective", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize], WarmStartFrom = [source] }));
    }

    [Fact]
    public void EnqueuesTheBestConfigurationsOfASourceOnce()
    {
        using var source = Source();
        using var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });

        Assert.Equal(3, study.EnqueueBestOf(source, 3));
        Assert.Equal(0, study.EnqueueBestOf(source, 2));
        study.Optimize(Bowl, new OptimizeOptions { Trials = 3 });

        var best = source.Trials.OrderBy(t => t.Value).Take(3).Select(t => t.Params["x"]).ToList();
        Assert.Equal(best, study.Trials.Select(t => t.Params["x"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => study.EnqueueBestOf(source, 0));
    }

    [Fact]
    public void EnqueuesTheBestWarmStartTrials()
    {
        using var source = Source(StudyDirection.Maximize);
        using var study = Study.Create(new StudyOptions { WarmStartFrom = [source] });
        Assert.Equal(2, study.EnqueueBestOf(study.WarmStartTrials, 2));
        study.Optimize(Bowl, new OptimizeOptions { Trials = 1 });
        var best = source.Trials.OrderByDescending(t => t.Value).First();
        Assert.Equal(best.Params["x"], study.Trials[0].Params["x"]);
        Assert.Equal(best.Params["y"], study.Trials[0].Params["y"]);
    }

    [Fact]
    public void TpeProposesNearTheSourcesBestFromItsFirstTrial()
    {
        using var source = Source();
        var cold = FirstTrialsDistance(new TpeSampler(new TpeSamplerOptions { Seed = 5 }), null);
        var warm = FirstTrialsDistance(new TpeSampler(new TpeSamplerOptions { Seed = 5 }), [source]);
        Assert.True(warm < 0.6 * cold, $"warm {warm} vs cold {cold}");
        var off = FirstTrialsDistance(new TpeSampler(new TpeSamplerOptions { Seed = 5, WarmStartWeight = 0 }), [source]);
        Assert.Equal(cold, off);
    }

    [Fact]
    public void CmaEsStartsFromTheSourcesBestRegionUnlessItsOptionsFixTheStart()
    {
        using var source = Source();
        var cold = FirstTrialsDistance(new CmaEsSampler(new CmaEsSamplerOptions { Seed = 5 }), null, 12, skip: 1);
        var warm = FirstTrialsDistance(new CmaEsSampler(new CmaEsSamplerOptions { Seed = 5 }), [source], 12, skip: 1);
        Assert.True(warm < 0.7 * cold, $"warm {warm} vs cold {cold}");
        var fixedStart = new CmaEsSamplerOptions { Seed = 5, X0 = new Dictionary<string, object?> { ["x"] = 0.5, ["y"] = 0.5 } };
        Assert.Equal(FirstTrialsDistance(new CmaEsSampler(fixedStart), null, 12), FirstTrialsDistance(new CmaEsSampler(fixedStart), [source], 12));
    }

    [Fact]
    public void GpModelsTheSourceFromItsFirstTrial()
    {
        using var source = Source();
        var cold = FirstTrialsDistance(new GpSampler(new GpSamplerOptions { Seed = 5 }), null, 5);
        var warm = FirstTrialsDistance(new GpSampler(new GpSamplerOptions { Seed = 5 }), [source], 5);
        Assert.True(warm < cold / 2, $"warm {warm} vs cold {cold}");
    }

    [Theory]
    [InlineData("tpe")]
    [InlineData("gp")]
    [InlineData("cma")]
    public void UsesOnlySourceValuesInsideTheNewRange(string kind)
    {
        using var wide = Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 2 }) });
        wide.Optimize(t => Math.Abs(t.SuggestFloat("x", -4, 4) - 0.5) + (t.SuggestCategorical("c", ["a", "b"]) == "a" ? 0 : 1), new OptimizeOptions { Trials = 30 });
        Sampler sampler = kind switch
        {
            "tpe" => new TpeSampler(new TpeSamplerOptions { Seed = 1 }),
            "gp" => new GpSampler(new GpSamplerOptions { Seed = 1 }),
            _ => new CmaEsSampler(new CmaEsSamplerOptions { Seed = 1 }),
        };
        using var study = Study.Create(new StudyOptions { Sampler = sampler, WarmStartFrom = [wide] });
        study.Optimize(t => Math.Abs(t.SuggestFloat("x", 0, 1) - 0.5) + (t.SuggestCategorical("c", ["a", "b", "z"]) == "a" ? 0 : 1), new OptimizeOptions { Trials = 12 });

        Assert.All(study.Trials, t => Assert.InRange((double)t.Params["x"]!, 0, 1));
        Assert.Equal(12, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void SamplersRejectInvalidWarmStartOptions()
    {
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { WarmStartWeight = 1.5 }));
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { WarmStartDecayTrials = 0 }));
        Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { WarmStartNoise = 0 }));
        Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { WarmStartDecayTrials = 0 }));
    }
}
