using System.Collections.Concurrent;
using System.Globalization;
using Attune.Samplers;
using Attune.Storage;
using Attune.Storage.InMemory;

namespace Attune.Tests.Samplers;

public class GridSamplerTests
{
    public enum Color
    {
        Red,
        Green,
        Blue,
    }

    // 3 * 2 * 2 * 2 * 2 = 48 points of mixed types.
    private static readonly Dictionary<string, IReadOnlyList<object?>> MixedSpace = new()
    {
        ["x"] = new object?[] { -1, 0, 7 },
        ["s"] = new object?[] { "a", "b" },
        ["f"] = new object?[] { 0.25, 1 },
        ["b"] = new object?[] { true, false },
        ["e"] = new object?[] { Color.Green, null },
    };

    private static readonly Dictionary<string, IReadOnlyList<object?>> SmallSpace = new()
    {
        ["x"] = new object?[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
        ["y"] = new object?[] { "p", "q", "r", "s", "t" },
    };

    [Fact]
    public void One_worker_visits_every_point_once_and_stops_by_itself()
    {
        var sampler = new GridSampler(MixedSpace, new GridSamplerOptions { Seed = 3 });
        var study = Study.Create(new StudyOptions { Sampler = sampler });

        study.Optimize(MixedObjective, new OptimizeOptions { Trials = 500 });

        Assert.Equal(48, sampler.GridSize);
        Assert.Equal(48, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        AssertEveryPointOnce(study.Trials, MixedSpace);
        AssertGridAttributes(study.Trials, sampler);
    }

    [Fact]
    public void Four_workers_visit_every_point_once_and_stop_by_themselves()
    {
        var sampler = new GridSampler(MixedSpace, new GridSamplerOptions { Seed = 11 });
        var study = Study.Create(new StudyOptions { Sampler = sampler, StorageInstance = new JitterStorage() });

        study.Optimize(
            t =>
            {
                Thread.Sleep(1);
                return MixedObjective(t);
            },
            new OptimizeOptions { Trials = 500, Parallelism = 4 });

        var complete = study.GetTrials(TrialState.Complete);
        AssertEveryPointOnce(complete, MixedSpace);
        AssertGridAttributes(complete, sampler);

        // The run ended by itself well before the budget: at most one extra (failed) trial per worker.
        Assert.InRange(study.Trials.Count, 48, 52);
        Assert.All(study.GetTrials(TrialState.Fail), t => Assert.Contains("grid points", (string)t.SystemAttrs[Study.FailReasonKey]!, StringComparison.Ordinal));
        Assert.True(sampler.IsExhausted(study));
    }

    [Fact]
    public void Visiting_order_follows_the_seed()
    {
        static List<string> Order(int seed)
        {
            var study = Study.Create(new StudyOptions { Sampler = new GridSampler(SmallSpace, new GridSamplerOptions { Seed = seed }) });
            study.Optimize(t => SmallObjective(t), new OptimizeOptions { Trials = 50 });
            return [.. study.Trials.Select(Key)];
        }

        var first = Order(5);
        Assert.Equal(first, Order(5));
        Assert.NotEqual(first, Order(6));

        // Not the grid order either: the permutation shuffles.
        var ordered = Study.Create(new StudyOptions { Sampler = new GridSampler(SmallSpace, new GridSamplerOptions { Shuffle = false }) });
        ordered.Optimize(t => SmallObjective(t), new OptimizeOptions { Trials = 50 });
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), ordered.Trials.Select(t => (long)t.SystemAttrs[GridSampler.GridIdKey]!));
        Assert.NotEqual(first, ordered.Trials.Select(Key).ToList());
    }

    [Fact]
    public void A_parameter_not_in_the_grid_is_a_clear_error()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GridSampler(SmallSpace, new GridSamplerOptions { Seed = 1 }) });

        var e = Assert.Throws<ArgumentException>(() => study.Optimize(
            t => t.SuggestInt("x", 0, 9) + t.SuggestFloat("lr", 0.1, 1),
            new OptimizeOptions { Trials = 3 }));

        Assert.Contains("'lr'", e.Message, StringComparison.Ordinal);
        Assert.Contains("not in the GridSampler's search space", e.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, study.Trials[0].State);
    }

    [Fact]
    public void A_grid_value_outside_the_suggested_range_is_a_clear_error()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GridSampler(SmallSpace, new GridSamplerOptions { Shuffle = false }) });

        // Grid id 49 is x = 9, which SuggestInt("x", 0, 5) does not contain.
        var e = Assert.Throws<ArgumentException>(() => study.Optimize(
            t => t.SuggestInt("x", 0, 5),
            new OptimizeOptions { Trials = 60 }));

        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("outside IntDistribution", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_or_empty_values_are_rejected_when_the_sampler_is_created()
    {
        Assert.Throws<ArgumentException>(() => new GridSampler(new Dictionary<string, IReadOnlyList<object?>> { ["x"] = Array.Empty<object?>() }));
        Assert.Throws<ArgumentException>(() => new GridSampler(new Dictionary<string, IReadOnlyList<object?>> { ["x"] = new object?[] { new object() } }));
        Assert.Throws<ArgumentException>(() => new GridSampler(new Dictionary<string, IReadOnlyList<object?>> { ["x"] = new object?[] { double.NaN } }));
    }

    [Fact]
    public void Two_study_objects_asking_in_turn_never_repeat_a_point()
    {
        using var storage = new InMemoryStorage();
        var a = Study.Create(new StudyOptions { Name = "grid", StorageInstance = storage, Sampler = new GridSampler(SmallSpace, new GridSamplerOptions { Seed = 1 }) });
        var b = Study.Load("grid", storage, new GridSampler(SmallSpace, new GridSamplerOptions { Seed = 2 }));

        // Each asks a trial while the other's is still running, then both tell.
        var asked = 0;
        while (true)
        {
            Trial? ta = null;
            Trial? tb = null;
            try
            {
                ta = a.Ask();
                tb = b.Ask();
            }
            catch (SearchSpaceExhaustedException)
            {
            }

            if (ta is not null)
            {
                a.Tell(ta, SmallObjective(ta));
                asked++;
            }

            if (tb is not null)
            {
                b.Tell(tb, SmallObjective(tb));
                asked++;
            }

            if (tb is null)
            {
                break;
            }
        }

        Assert.Equal(50, asked);
        Assert.Throws<SearchSpaceExhaustedException>(() => a.Ask());
        Assert.Throws<SearchSpaceExhaustedException>(() => b.Ask());
        AssertEveryPointOnce(a.GetTrials(TrialState.Complete), SmallSpace);
    }

    [Fact]
    public void Many_threads_asking_at_once_claim_every_point_exactly_once()
    {
        for (var round = 0; round < 25; round++)
        {
            var storage = new JitterStorage();
            Study.Create(new StudyOptions { Name = "stress", StorageInstance = storage });
            const int threads = 8;
            var won = new ConcurrentBag<long>();
            var exhausted = 0;
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
            {
                // Each thread has its own Study object and sampler seed, so their preferred points collide.
                var study = Study.Load("stress", storage, new GridSampler(SmallSpace, new GridSamplerOptions { Seed = (round * 100) + i }));
                start.SignalAndWait();
                while (true)
                {
                    try
                    {
                        var trial = study.Ask();
                        won.Add((long)trial.SystemAttrs[GridSampler.GridIdKey]!);
                    }
                    catch (SearchSpaceExhaustedException)
                    {
                        Interlocked.Increment(ref exhausted);
                        return;
                    }
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());

            var ids = won.Order().ToList();
            Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), ids);
            Assert.Equal(threads, exhausted);

            // What storage holds agrees: 50 running trials with distinct grid ids, the rest failed without one.
            var trials = storage.GetAllTrials(storage.FindStudy("stress")!.Value);
            var running = trials.Where(t => t.State == TrialState.Running).ToList();
            Assert.Equal(50, running.Count);
            Assert.Equal(50, running.Select(t => t.SystemAttrs[GridSampler.GridIdKey]).Distinct().Count());
            Assert.All(trials.Where(t => t.State != TrialState.Running), t =>
            {
                Assert.Equal(TrialState.Fail, t.State);
                Assert.False(t.SystemAttrs.ContainsKey(GridSampler.GridIdKey));
            });
        }
    }

    [Fact]
    public void Processes_with_different_seeds_running_optimize_on_one_storage_share_the_grid()
    {
        var storage = new JitterStorage();
        Study.Create(new StudyOptions { Name = "shared", StorageInstance = storage });
        var workers = Enumerable.Range(0, 4).Select(i => new Thread(() =>
        {
            var study = Study.Load("shared", storage, new GridSampler(MixedSpace, new GridSamplerOptions { Seed = i }));
            study.Optimize(MixedObjective, new OptimizeOptions { Trials = 100, Parallelism = 2 });
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var all = storage.GetAllTrials(storage.FindStudy("shared")!.Value);
        AssertEveryPointOnce(all.Where(t => t.State == TrialState.Complete).ToList(), MixedSpace);
        Assert.All(all.Where(t => t.State != TrialState.Complete), t => Assert.Equal(TrialState.Fail, t.State));
    }

    [Fact]
    public void Failed_trials_count_as_visited()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GridSampler(SmallSpace, new GridSamplerOptions { Seed = 4 }) });

        study.Optimize(
            t =>
            {
                var x = t.SuggestInt("x", 0, 9);
                _ = t.SuggestCategorical("y", new[] { "p", "q", "r", "s", "t" });
                return x == 3 ? throw new InvalidOperationException("boom") : x;
            },
            new OptimizeOptions { Trials = 200, Catch = [typeof(InvalidOperationException)] });

        Assert.Equal(50, study.Trials.Count);
        Assert.Equal(5, study.GetTrials(TrialState.Fail).Count);
        AssertEveryPointOnce(study.Trials, SmallSpace);
    }

    [Fact]
    public void Enqueued_trials_take_an_agreeing_point_or_run_as_extras()
    {
        var study = Study.Create(new StudyOptions { Sampler = new GridSampler(SmallSpace, new GridSamplerOptions { Seed = 9 }) });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 4, ["y"] = "r" }); // a full grid point
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 4 });             // partial: some free (4, y)
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 42, ["y"] = "zz" }); // off the grid

        double Objective(Trial t) => SmallObjective(t, high: 50, choices: ["p", "q", "r", "s", "t", "zz"]);
        study.Optimize(Objective, new OptimizeOptions { Trials = 500 });

        var trials = study.Trials;
        Assert.Equal((4, "r"), Point(trials[0]));
        Assert.Equal(4, (int)trials[1].Params["x"]!);
        Assert.NotEqual("r", trials[1].Params["y"]);
        Assert.Equal((42, "zz"), Point(trials[2]));
        Assert.False(trials[2].SystemAttrs.ContainsKey(GridSampler.GridIdKey));

        // The two on-grid enqueued trials took grid points; the grid is still run exactly once overall.
        Assert.Equal(51, trials.Count);
        AssertEveryPointOnce(trials.Where(t => t.Number != 2).ToList(), SmallSpace);

        // Enqueueing a visited point runs it again, without taking a point.
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 4, ["y"] = "r" });
        study.Optimize(Objective, new OptimizeOptions { Trials = 5 });
        Assert.Equal(52, study.Trials.Count);
        Assert.Equal((4, "r"), Point(study.Trials[51]));
        Assert.False(study.Trials[51].SystemAttrs.ContainsKey(GridSampler.GridIdKey));
    }

    [Fact]
    public void Grid_ids_and_search_space_attributes_follow_optuna()
    {
        var space = new Dictionary<string, IReadOnlyList<object?>>
        {
            ["y"] = new object?[] { "b", "a" },
            ["x"] = new object?[] { 3, 1, 2 },
        };
        var sampler = new GridSampler(space, new GridSamplerOptions { Shuffle = false });

        // Names sorted, value lists as given, the last name varying fastest.
        Assert.Equal(new[] { "x", "y" }, sampler.SearchSpace.Keys);
        Assert.Equal(new Dictionary<string, object?> { ["x"] = 3, ["y"] = "b" }, sampler.GetGridPoint(0));
        Assert.Equal(new Dictionary<string, object?> { ["x"] = 3, ["y"] = "a" }, sampler.GetGridPoint(1));
        Assert.Equal(new Dictionary<string, object?> { ["x"] = 1, ["y"] = "b" }, sampler.GetGridPoint(2));

        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(t => t.SuggestInt("x", 0, 5) + t.SuggestCategorical("y", new[] { "a", "b" }).Length, new OptimizeOptions { Trials = 10 });

        Assert.Equal(6, study.Trials.Count);
        var attr = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(study.Trials[0].SystemAttrs[GridSampler.SearchSpaceKey]);
        Assert.Equal(new[] { "x", "y" }, attr.Keys);
        Assert.Equal(new object?[] { 3L, 1L, 2L }, (IEnumerable<object?>)attr["x"]!);
        Assert.Equal(new object?[] { "b", "a" }, (IEnumerable<object?>)attr["y"]!);

        // A trial written by Optuna with the same grid (numbers as JSON gives them) counts as taking its point.
        var other = Study.Create(new StudyOptions { Sampler = new GridSampler(space, new GridSamplerOptions { Shuffle = false }) });
        other.AddTrial(new TrialRecord
        {
            State = TrialState.Complete,
            Value = 1,
            Params = new Dictionary<string, object?> { ["x"] = 3, ["y"] = "b" },
            Distributions = new Dictionary<string, Distribution>
            {
                ["x"] = new IntDistribution(0, 5),
                ["y"] = new CategoricalDistribution(new object?[] { "a", "b" }),
            },
            SystemAttrs = new Dictionary<string, object?>
            {
                [GridSampler.GridIdKey] = 0L,
                [GridSampler.SearchSpaceKey] = new Dictionary<string, object?> { ["x"] = new List<object?> { 3.0, 1L, 2L }, ["y"] = new List<object?> { "b", "a" } },
            },
        });
        other.Optimize(t => t.SuggestInt("x", 0, 5) + t.SuggestCategorical("y", new[] { "a", "b" }).Length, new OptimizeOptions { Trials = 10 });
        Assert.Equal(6, other.Trials.Count);
        Assert.Equal(6, other.Trials.Select(t => t.SystemAttrs[GridSampler.GridIdKey]).Distinct().Count());
    }

    [Fact]
    public void Many_grid_points_cost_little_per_trial()
    {
        var space = new Dictionary<string, IReadOnlyList<object?>>
        {
            ["a"] = Enumerable.Range(0, 40).Cast<object?>().ToArray(),
            ["b"] = Enumerable.Range(0, 50).Cast<object?>().ToArray(),
        };
        var study = Study.Create(new StudyOptions { Sampler = new GridSampler(space, new GridSamplerOptions { Seed = 2 }) });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        study.Optimize(t => t.SuggestInt("a", 0, 39) + t.SuggestInt("b", 0, 49), new OptimizeOptions { Trials = 5000 });

        Assert.Equal(2000, study.Trials.Count);
        Assert.Equal(2000, study.Trials.Select(t => (t.Params["a"], t.Params["b"])).Distinct().Count());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"2000 grid trials took {watch.Elapsed}.");

        // A grid far too large to list still works: the permutation needs no memory.
        var huge = new Dictionary<string, IReadOnlyList<object?>>
        {
            ["a"] = Enumerable.Range(0, 1000).Cast<object?>().ToArray(),
            ["b"] = Enumerable.Range(0, 1000).Cast<object?>().ToArray(),
            ["c"] = Enumerable.Range(0, 1000).Cast<object?>().ToArray(),
        };
        var big = Study.Create(new StudyOptions { Sampler = new GridSampler(huge, new GridSamplerOptions { Seed = 2 }) });
        big.Optimize(t => t.SuggestInt("a", 0, 999) + t.SuggestInt("b", 0, 999) + t.SuggestInt("c", 0, 999), new OptimizeOptions { Trials = 100 });
        Assert.Equal(100, big.Trials.Select(t => (t.Params["a"], t.Params["b"], t.Params["c"])).Distinct().Count());
    }

    private static double MixedObjective(Trial t)
    {
        var x = t.SuggestInt("x", -5, 10);
        var s = t.SuggestCategorical("s", new[] { "a", "b", "c" });
        var f = t.SuggestFloat("f", 0, 1);
        var b = t.SuggestCategorical("b", new[] { true, false });
        var e = t.SuggestCategorical("e", new Color?[] { Color.Red, Color.Green, null });
        return x + s.Length + f + (b ? 1 : 0) + (e is null ? 0 : (int)e);
    }

    private static double SmallObjective(Trial t, int high = 9, string[]? choices = null) =>
        t.SuggestInt("x", 0, high) + t.SuggestCategorical("y", choices ?? ["p", "q", "r", "s", "t"]).Length;

    private static (int X, string Y) Point(TrialRecord t) => ((int)t.Params["x"]!, (string)t.Params["y"]!);

    private static string Key(TrialRecord t) =>
        string.Join(";", t.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Canonical(p.Value)}"));

    private static string Canonical(object? value) => value switch
    {
        null => "null",
        Enum e => e.ToString(),
        IConvertible c when value is not string and not bool => c.ToDouble(CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static void AssertEveryPointOnce(IReadOnlyList<TrialRecord> trials, Dictionary<string, IReadOnlyList<object?>> space)
    {
        IEnumerable<string> expected = [string.Empty];
        foreach (var name in space.Keys.Order(StringComparer.Ordinal))
        {
            var values = space[name];
            expected = expected.SelectMany(prefix => values.Select(v => prefix.Length == 0 ? $"{name}={Canonical(v)}" : $"{prefix};{name}={Canonical(v)}")).ToList();
        }

        var seen = trials.Select(Key).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    private static void AssertGridAttributes(IReadOnlyList<TrialRecord> trials, GridSampler sampler)
    {
        var ids = trials.Select(t => (long)t.SystemAttrs[GridSampler.GridIdKey]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var t in trials)
        {
            Assert.True(t.SystemAttrs.ContainsKey(GridSampler.SearchSpaceKey));
            var point = sampler.GetGridPoint((long)t.SystemAttrs[GridSampler.GridIdKey]!);
            foreach (var (name, value) in point)
            {
                Assert.Equal(Canonical(value), Canonical(t.Params[name]));
            }
        }
    }
}
