using System.Globalization;
using Attune.Samplers;
using Attune.Storage.InMemory;

namespace Attune.Tests.Samplers;

public class BruteForceSamplerTests
{
    private static readonly string[] FiveLeaves = ["c=a;x=0", "c=a;x=1", "c=a;x=2", "c=b;y=False", "c=b;y=True"];

    [Fact]
    public void A_conditional_space_is_enumerated_completely_and_exactly_once()
    {
        var study = Study.Create(new StudyOptions { Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = 1 }) });

        study.Optimize(Conditional, new OptimizeOptions { Trials = 100 });

        // The study stopped by itself after the fifth leaf: no extra trial.
        Assert.Equal(5, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(FiveLeaves, study.Trials.Select(Key).Order(StringComparer.Ordinal));
        Assert.True(BruteForceSampler.IsExhausted(study));

        // Asking again finds nothing left.
        Assert.Throws<SearchSpaceExhaustedException>(() => study.Ask());
    }

    [Fact]
    public void Seeded_runs_visit_in_the_same_order()
    {
        static List<string> Order(int seed)
        {
            var study = Study.Create(new StudyOptions { Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = seed }) });
            study.Optimize(Deep, new OptimizeOptions { Trials = 100 });
            return [.. study.Trials.Select(Key)];
        }

        var first = Order(7);
        Assert.Equal(DeepLeafCount, first.Count);
        Assert.Equal(first, Order(7));
        Assert.NotEqual(first, Order(8));
    }

    [Fact]
    public void Parallel_workers_enumerate_a_conditional_space_exactly_once()
    {
        for (var round = 0; round < 10; round++)
        {
            var study = Study.Create(new StudyOptions
            {
                Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = round }),
                StorageInstance = new JitterStorage(),
            });

            study.Optimize(
                t =>
                {
                    var value = Deep(t);
                    Thread.Sleep(1);
                    return value;
                },
                new OptimizeOptions { Trials = 200, Parallelism = 4 });

            var complete = study.GetTrials(TrialState.Complete);
            var keys = complete.Select(Key).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.Equal(DeepLeafCount, keys.Count);
            Assert.All(study.GetTrials(TrialState.Fail), t => Assert.Empty(t.Params));
            Assert.InRange(study.Trials.Count, DeepLeafCount, DeepLeafCount + 4);
        }
    }

    [Fact]
    public void Study_objects_in_several_threads_share_the_enumeration()
    {
        var storage = new JitterStorage();
        Study.Create(new StudyOptions { Name = "bf", StorageInstance = storage });
        var workers = Enumerable.Range(0, 3).Select(i => new Thread(() =>
        {
            var study = Study.Load("bf", storage, new BruteForceSampler(new BruteForceSamplerOptions { Seed = i }));
            study.Optimize(Deep, new OptimizeOptions { Trials = 100, Parallelism = 2 });
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var complete = storage.GetAllTrials(storage.FindStudy("bf")!.Value).Where(t => t.State == TrialState.Complete).Select(Key).ToList();
        Assert.Equal(DeepLeafCount, complete.Count);
        Assert.Equal(DeepLeafCount, complete.Distinct().Count());
    }

    [Fact]
    public void Stepped_floats_are_enumerated_and_continuous_ones_are_an_error()
    {
        var study = Study.Create(new StudyOptions { Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = 1 }) });
        study.Optimize(t => t.SuggestFloat("x", 0.1, 0.5, step: 0.1) + t.SuggestFloat("one", 2, 2), new OptimizeOptions { Trials = 50 });
        Assert.Equal(
            new[] { 0.1, 0.2, 0.3, 0.4, 0.5 },
            study.Trials.Select(t => (double)t.Params["x"]!).Order());

        var continuous = Study.Create(new StudyOptions { Sampler = new BruteForceSampler() });
        var e = Assert.Throws<ArgumentException>(() => continuous.Optimize(t => t.SuggestFloat("lr", 0, 1), new OptimizeOptions { Trials = 5 }));
        Assert.Contains("'lr'", e.Message, StringComparison.Ordinal);
        Assert.Contains("step", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_and_pruned_trials_count_as_explored()
    {
        var study = Study.Create(new StudyOptions { Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = 3 }) });

        study.Optimize(
            t =>
            {
                var x = t.SuggestInt("x", 0, 5);
                return x switch
                {
                    1 => throw new InvalidOperationException("boom"),
                    2 => throw new TrialPrunedException(),
                    _ => x,
                };
            },
            new OptimizeOptions { Trials = 50, Catch = [typeof(InvalidOperationException)] });

        Assert.Equal(6, study.Trials.Count);
        Assert.Equal(6, study.Trials.Select(t => t.Params["x"]).Distinct().Count());
    }

    [Fact]
    public void An_objective_whose_structure_changes_is_a_clear_error()
    {
        var study = Study.Create(new StudyOptions { Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = 1 }) });
        var calls = 0;

        var e = Assert.Throws<InvalidOperationException>(() => study.Optimize(
            t =>
            {
                // The second parameter's name depends on the call count, not on the first parameter.
                var c = t.SuggestCategorical("c", new[] { "a", "b" });
                return c.Length + t.SuggestInt(calls++ == 0 ? "x" : "z", 0, 3);
            },
            new OptimizeOptions { Trials = 20 }));

        Assert.Contains("BruteForceSampler", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_trial_asked_before_the_first_suggests_waits_then_gives_up()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = 1, WaitTimeout = TimeSpan.FromMilliseconds(50) }),
        });
        var first = study.Ask();

        // The first trial holds the root: nothing is free until it suggests.
        var e = Assert.Throws<SearchSpaceExhaustedException>(() => study.Ask());
        Assert.Contains("running trial(s) 0", e.Message, StringComparison.Ordinal);

        // Once it has suggested, the other branches are free.
        _ = first.SuggestCategorical("c", new[] { "a", "b" });
        var second = study.Ask();
        Assert.NotEqual(first.Params["c"], second.SuggestCategorical("c", new[] { "a", "b" }));
    }

    [Fact]
    public async Task Another_thread_asking_while_the_first_trial_runs_gets_a_different_branch()
    {
        using var storage = new InMemoryStorage();
        var study = Study.Create(new StudyOptions { StorageInstance = storage, Sampler = new BruteForceSampler(new BruteForceSamplerOptions { Seed = 2 }) });
        var first = study.Ask();
        var asking = Task.Run(() => study.Ask());
        await Task.Delay(20);
        var c1 = first.SuggestCategorical("c", new[] { "a", "b" });
        var second = await asking;
        Assert.NotEqual(c1, second.SuggestCategorical("c", new[] { "a", "b" }));
    }

    // c in {a, b}; a: x in 0..2; b: y in {true, false}: five leaves.
    private static double Conditional(Trial t)
    {
        var c = t.SuggestCategorical("c", new[] { "a", "b" });
        return c == "a" ? t.SuggestInt("x", 0, 2) : t.SuggestCategorical("y", new[] { true, false }) ? 1 : 0;
    }

    // c in {a, b, c}; a: x in 0..4, and for even x also z in {0, 0.5, 1}; b: y in {true, false}; c: nothing.
    // Leaves: a: 2 odd + 3 * 3 even = 11; b: 2; c: 1.
    private const int DeepLeafCount = 14;

    private static double Deep(Trial t)
    {
        var c = t.SuggestCategorical("c", new[] { "a", "b", "c" });
        switch (c)
        {
            case "a":
                var x = t.SuggestInt("x", 0, 4);
                return x % 2 == 0 ? x + t.SuggestFloat("z", 0, 1, step: 0.5) : x;
            case "b":
                return t.SuggestCategorical("y", new[] { true, false }) ? 1 : 0;
            default:
                return -1;
        }
    }

    private static string Key(TrialRecord t) =>
        string.Join(";", t.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}"));
}
