using Attune.Samplers;
using Attune.Storage.InMemory;

namespace Attune.Tests.Studies;

public class AskTellTests
{
    private static Study NewStudy(StudyDirection direction = StudyDirection.Minimize, int seed = 1) =>
        Study.Create(new StudyOptions { Direction = direction, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }) });

    [Fact]
    public void Ask_tell_records_params_values_and_best()
    {
        var study = NewStudy();
        for (var i = 0; i < 20; i++)
        {
            var trial = study.Ask();
            var x = trial.SuggestFloat("x", -10, 10);
            var n = trial.SuggestInt("n", 1, 100, log: true);
            var c = trial.SuggestCategorical("c", ["a", "b"]);
            study.Tell(trial, (x * x) + n + (c == "a" ? 0 : 1));
        }

        Assert.Equal(20, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(Enumerable.Range(0, 20), study.Trials.Select(t => t.Number));
        var best = study.Trials.MinBy(t => t.Value)!;
        Assert.Equal(best.Number, study.BestTrial.Number);
        Assert.Equal(best.Value, study.BestValue);
        Assert.Equal(best.Params["x"], study.BestParams["x"]);
        Assert.IsType<double>(best.Params["x"]);
        Assert.IsType<int>(best.Params["n"]);
        Assert.IsType<string>(best.Params["c"]);
        Assert.All(study.Trials, t => Assert.NotNull(t.Duration));
    }

    [Fact]
    public void Maximize_picks_the_largest_value()
    {
        var study = NewStudy(StudyDirection.Maximize);
        foreach (var v in new[] { 3.0, 9.0, -1.0 })
        {
            study.Tell(study.Ask(), v);
        }

        Assert.Equal(9.0, study.BestValue);
        Assert.Equal(1, study.BestTrial.Number);
    }

    [Fact]
    public void Suggesting_the_same_name_twice_returns_the_first_value()
    {
        var trial = NewStudy().Ask();
        var first = trial.SuggestFloat("x", 0, 1);
        Assert.Equal(first, trial.SuggestFloat("x", 0, 1));
        Assert.Throws<ArgumentException>(() => trial.SuggestInt("x", 0, 1));
    }

    [Fact]
    public void A_name_used_with_another_kind_in_the_study_is_a_clear_error()
    {
        var study = NewStudy();
        var t0 = study.Ask();
        t0.SuggestFloat("lr", 1e-5, 1e-1, log: true);
        study.Tell(t0, 1);
        var t1 = study.Ask();
        var e = Assert.Throws<ArgumentException>(() => t1.SuggestInt("lr", 1, 5));
        Assert.Contains("'lr'", e.Message, StringComparison.Ordinal);
        Assert.Contains("IntDistribution", e.Message, StringComparison.Ordinal);
        var log = Assert.Throws<ArgumentException>(() => t1.SuggestFloat("lr", 1e-5, 1e-1));
        Assert.Contains("log", log.Message, StringComparison.Ordinal);
        Assert.Equal(0.5, t1.SuggestFloat("lr", 0.5, 0.5, log: true));
    }

    [Fact]
    public void Categorical_choices_must_not_change()
    {
        var study = NewStudy();
        var t0 = study.Ask();
        t0.SuggestCategorical("opt", ["sgd", "adam"]);
        study.Tell(t0, 0);
        var e = Assert.Throws<ArgumentException>(() => study.Ask().SuggestCategorical("opt", ["sgd", "rmsprop"]));
        Assert.Contains("choices", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_suggest_arguments_name_the_parameter_and_value()
    {
        var trial = NewStudy().Ask();
        var e = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 2, 1));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("low=2", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("y", 0, 1, log: true));
        Assert.Contains("'y'", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => trial.SuggestInt("n", 0, 4, step: 0));
        Assert.Contains("step must be > 0", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => trial.SuggestCategorical("c", Array.Empty<string>()));
        Assert.Contains("at least one", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggested_values_lie_in_their_distributions()
    {
        var study = NewStudy();
        for (var i = 0; i < 300; i++)
        {
            var t = study.Ask();
            Assert.InRange(t.SuggestFloat("u", -2, 3), -2, 3);
            var lg = t.SuggestFloat("lg", 1e-4, 1, log: true);
            Assert.InRange(lg, 1e-4, 1);
            var q = t.SuggestFloat("q", 0, 1, step: 0.25);
            Assert.Contains(q, new[] { 0, 0.25, 0.5, 0.75, 1 });
            var k = t.SuggestInt("k", 0, 10, step: 3);
            Assert.Contains(k, new[] { 0, 3, 6, 9 });
            Assert.InRange(t.SuggestInt("ln", 1, 1000, log: true), 1, 1000);
            study.Tell(t, 0);
        }

        // Every grid point of q and k is reached, and log sampling spreads over the decades.
        var trials = study.Trials;
        Assert.Equal(5, trials.Select(t => t.Params["q"]).Distinct().Count());
        Assert.Equal(4, trials.Select(t => t.Params["k"]).Distinct().Count());
        var belowMilli = trials.Count(t => (double)t.Params["lg"]! < 1e-3);
        Assert.InRange(belowMilli, 40, 110); // a quarter of 300 in log space; uniform sampling would give ~0.3
    }

    [Fact]
    public void Single_valued_distributions_return_their_value()
    {
        var t = NewStudy().Ask();
        Assert.Equal(2.5, t.SuggestFloat("a", 2.5, 2.5));
        Assert.Equal(7, t.SuggestInt("b", 7, 7));
        Assert.Equal("only", t.SuggestCategorical("c", ["only"]));
    }

    [Fact]
    public void Categorical_supports_numbers_bools_enums_and_null()
    {
        var study = NewStudy();
        var seen = new HashSet<object?>();
        for (var i = 0; i < 60; i++)
        {
            var t = study.Ask();
            seen.Add(t.SuggestCategorical<object?>("mixed", ["a", null, true, 3, 2.5]));
            var day = t.SuggestCategorical("day", [DayOfWeek.Monday, DayOfWeek.Friday]);
            Assert.True(day is DayOfWeek.Monday or DayOfWeek.Friday);
            var flag = t.SuggestCategorical("flag", [true, false]);
            var nullable = t.SuggestCategorical<int?>("maybe", [null, 4]);
            Assert.True(nullable is null or 4);
            study.Tell(t, flag ? 1 : 0);
        }

        Assert.Equal(5, seen.Count);
        Assert.Contains(null, seen);
    }

    [Fact]
    public void Conditional_parameters_appear_only_where_suggested()
    {
        var study = NewStudy();
        study.Optimize(
            t =>
            {
                var model = t.SuggestCategorical("model", ["linear", "tree"]);
                return model == "linear" ? t.SuggestFloat("alpha", 1e-3, 1, log: true) : t.SuggestInt("depth", 1, 8);
            },
            new OptimizeOptions { Trials = 40 });
        var trials = study.Trials;
        Assert.All(trials, t => Assert.True(t.Params.ContainsKey("alpha") ^ t.Params.ContainsKey("depth")));
        Assert.Contains(trials, t => t.Params.ContainsKey("alpha"));
        Assert.Contains(trials, t => t.Params.ContainsKey("depth"));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Telling_a_non_finite_value_fails_the_trial_and_throws(double value)
    {
        var study = NewStudy();
        var trial = study.Ask();
        var e = Assert.Throws<ArgumentException>(() => study.Tell(trial, value));
        Assert.Contains("finite", e.Message, StringComparison.Ordinal);
        var record = study.Trials[0];
        Assert.Equal(TrialState.Fail, record.State);
        Assert.Contains("finite", (string)record.SystemAttrs[Study.FailReasonKey]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Telling_the_wrong_number_of_values_fails_the_trial_and_throws()
    {
        var study = NewStudy();
        var trial = study.Ask();
        var e = Assert.Throws<ArgumentException>(() => study.Tell(trial, [1.0, 2.0]));
        Assert.Contains("2 value(s)", e.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, study.Trials[0].State);
    }

    [Fact]
    public void Telling_a_finished_trial_again_is_an_error()
    {
        var study = NewStudy();
        var trial = study.Ask();
        study.Tell(trial, 1.0);
        var e = Assert.Throws<InvalidOperationException>(() => study.Tell(trial, 2.0));
        Assert.Contains("already finished", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => study.Tell(0, TrialState.Pruned));
        Assert.Equal(1.0, study.Trials[0].Value);
    }

    [Fact]
    public void Tell_by_number_and_by_state()
    {
        var study = NewStudy();
        var a = study.Ask();
        var b = study.Ask();
        var c = study.Ask();
        b.Report(0.7, 0);
        b.Report(0.4, 3);
        study.Tell(c.Number, 5.0);
        study.Tell(b.Number, TrialState.Pruned);
        study.Tell(a, TrialState.Fail);
        var trials = study.Trials;
        Assert.Equal(TrialState.Fail, trials[0].State);
        Assert.Equal(TrialState.Pruned, trials[1].State);
        Assert.Equal(0.4, trials[1].Value);
        Assert.Equal(TrialState.Complete, trials[2].State);
        Assert.Throws<ArgumentException>(() => study.Tell(study.Ask(), TrialState.Complete));
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Tell(99, 1.0));
    }

    [Fact]
    public void Ask_with_fixed_distributions_suggests_them_at_once()
    {
        var study = NewStudy();
        var trial = study.Ask(new Dictionary<string, Distribution>
        {
            ["x"] = new FloatDistribution(0, 1),
            ["c"] = new CategoricalDistribution(["p", "q"]),
        });
        Assert.Equal(2, trial.Params.Count);
        Assert.IsType<double>(trial.Params["x"]);
    }

    [Fact]
    public void Enqueued_trials_come_first_with_their_values()
    {
        var study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["opt"] = "adam" }, new Dictionary<string, object?> { ["source"] = "manual" });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.75 });
        Assert.Equal(2, study.GetTrials(TrialState.Waiting).Count);
        var first = study.Ask();
        Assert.Equal(0, first.Number);
        Assert.Equal(0.25, first.SuggestFloat("x", 0, 1));
        Assert.Equal("adam", first.SuggestCategorical("opt", ["sgd", "adam"]));
        Assert.IsType<int>(first.SuggestInt("free", 0, 10));
        Assert.Equal("manual", first.UserAttrs["source"]);
        study.Tell(first, 1);
        var second = study.Ask();
        Assert.Equal(0.75, second.SuggestFloat("x", 0, 1));
        study.Tell(second, 2);
        Assert.Equal(2, study.Ask().Number);
    }

    [Fact]
    public void Enqueue_with_skip_if_exists_skips_duplicates_of_any_state()
    {
        var study = NewStudy();
        Assert.True(study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 1, ["c"] = "a" }, skipIfExists: true));
        Assert.False(study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 1.0, ["c"] = "a" }, skipIfExists: true));
        var t = study.Ask();
        t.SuggestInt("x", 0, 5);
        t.SuggestCategorical("c", ["a", "b"]);
        study.Tell(t, 0);
        Assert.False(study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 1, ["c"] = "a" }, skipIfExists: true));
        Assert.True(study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 2, ["c"] = "a" }, skipIfExists: true));
        Assert.True(study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 1, ["c"] = "a" }));
    }

    [Fact]
    public void Add_trial_validates_and_stores_a_finished_trial()
    {
        var study = NewStudy();
        var added = study.AddTrial(new TrialRecord
        {
            State = TrialState.Complete,
            Value = 0.5,
            Params = new Dictionary<string, object?> { ["x"] = 0.2, ["c"] = "b" },
            Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1), ["c"] = new CategoricalDistribution(["a", "b"]) },
            UserAttrs = new Dictionary<string, object?> { ["origin"] = "paper" },
        });
        Assert.Equal(0, added.Number);
        Assert.Equal(1.0, added.InternalParams["c"]);
        Assert.Equal(0.5, study.BestValue);
        Assert.NotNull(added.CompletedAt);

        var outside = Assert.Throws<ArgumentException>(() => study.AddTrial(new TrialRecord
        {
            State = TrialState.Complete,
            Value = 1,
            Params = new Dictionary<string, object?> { ["x"] = 3.0 },
            Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) },
        }));
        Assert.Contains("outside", outside.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => study.AddTrial(new TrialRecord { State = TrialState.Complete }));
        Assert.Throws<ArgumentException>(() => study.AddTrial(new TrialRecord { State = TrialState.Running }));
        Assert.Throws<ArgumentException>(() => study.AddTrial(new TrialRecord { State = TrialState.Complete, Value = double.NaN }));
        var incompatible = Assert.Throws<ArgumentException>(() => study.AddTrial(new TrialRecord
        {
            State = TrialState.Complete,
            Value = 1,
            Params = new Dictionary<string, object?> { ["x"] = 1 },
            Distributions = new Dictionary<string, Distribution> { ["x"] = new IntDistribution(0, 3) },
        }));
        Assert.Contains("'x'", incompatible.Message, StringComparison.Ordinal);
        Assert.Single(study.Trials);
    }

    [Fact]
    public void User_and_system_attributes_are_normalized_json()
    {
        var study = NewStudy();
        study.SetUserAttr("owner", "team-a");
        study.SetUserAttr("nested", new Dictionary<string, object?> { ["list"] = new[] { 1, 2 }, ["f"] = 1.5f });
        var trial = study.Ask();
        trial.SetUserAttr("epochs", 12);
        trial.SetSystemAttr("attune:test", new List<object?> { true, null, "x" });
        study.Tell(trial, 0);
        Assert.Equal("team-a", study.UserAttrs["owner"]);
        var nested = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(study.UserAttrs["nested"]);
        Assert.Equal(new object?[] { 1L, 2L }, Assert.IsAssignableFrom<IEnumerable<object?>>(nested["list"]));
        Assert.Equal(1.5, nested["f"]);
        Assert.Equal(12L, study.Trials[0].UserAttrs["epochs"]);
        Assert.Throws<ArgumentException>(() => trial.SetUserAttr("bad", new object()));
        Assert.Throws<ArgumentException>(() => study.SetUserAttr("nan", double.NaN));
    }

    [Fact]
    public void Report_validates_steps_and_keeps_the_first_value_of_a_step()
    {
        var study = NewStudy();
        var trial = study.Ask();
        trial.Report(1.0, 0);
        trial.Report(2.0, 0);
        trial.Report(double.NaN, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => trial.Report(1.0, -1));
        var record = trial.ToRecord();
        Assert.Equal(1.0, record.IntermediateValues[0]);
        Assert.True(double.IsNaN(record.IntermediateValues[1]));
    }

    [Fact]
    public void Best_trial_needs_a_complete_trial_and_a_single_objective()
    {
        var study = NewStudy();
        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        var multi = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        Assert.Throws<InvalidOperationException>(() => multi.BestTrial);
    }

    [Fact]
    public void Best_trials_is_the_pareto_front_of_feasible_trials()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        double[][] values = [[1, 1], [2, 3], [3, 2], [0, 0], [2, 3], [5, 5]];
        foreach (var v in values)
        {
            study.Tell(study.Ask(), v);
        }

        var infeasible = study.Ask();
        infeasible.SetSystemAttr(Study.ConstraintsKey, new[] { 0.5 });
        study.Tell(infeasible, [0.0, 10.0]);

        // Minimize the first, maximize the second: (0,0), (1,1), (2,3) twice and (5,5) are undominated; (3,2) is dominated by (2,3).
        Assert.Equal(new[] { 0, 1, 3, 4, 5 }, study.BestTrials.Select(t => t.Number));
        Assert.DoesNotContain(study.BestTrials, t => t.Number == 6);
    }

    [Fact]
    public void Studies_are_created_loaded_listed_copied_and_deleted()
    {
        var storage = new InMemoryStorage();
        var a = Study.Create(new StudyOptions { Name = "a", StorageInstance = storage });
        a.Tell(a.Ask(), 3);
        a.SetUserAttr("k", "v");
        var dup = Assert.Throws<DuplicateStudyException>(() => Study.Create(new StudyOptions { Name = "a", StorageInstance = storage }));
        Assert.Contains("'a'", dup.Message, StringComparison.Ordinal);
        var again = Study.Create(new StudyOptions { Name = "a", StorageInstance = storage, LoadIfExists = true });
        Assert.Single(again.Trials);
        var loaded = Study.Load("a", storage);
        Assert.Equal(3, loaded.BestValue);
        var summaries = Study.ListStudies(storage);
        var summary = Assert.Single(summaries);
        Assert.Equal(1, summary.TrialCount);
        Assert.Equal(3, summary.BestTrial!.Value);

        var target = new InMemoryStorage();
        var copy = Study.Copy("a", storage, target, "b");
        Assert.Equal("b", copy.Name);
        Assert.Equal(3, copy.BestValue);
        Assert.Equal("v", copy.UserAttrs["k"]);

        Study.Delete("a", storage);
        Assert.Empty(Study.ListStudies(storage));
        Assert.Throws<StudyNotFoundException>(() => Study.Load("a", storage));
        Assert.Throws<StudyNotFoundException>(() => Study.Delete("a", storage));
    }

    [Fact]
    public void Storage_urls_are_checked()
    {
        Assert.Contains("Unknown storage scheme", Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Storage = "ftp://x" })).Message, StringComparison.Ordinal);
        Assert.Contains("not a storage URL", Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Storage = "nothing" })).Message, StringComparison.Ordinal);
        var missing = Assert.Throws<InvalidOperationException>(() => Study.Create(new StudyOptions { Storage = "postgresql://u:secret@localhost/db" }));
        Assert.Contains("Attune.Storage.Postgres", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", missing.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite", Assert.Throws<InvalidOperationException>(() => Study.Create(new StudyOptions { Storage = "sqlite:x.db" })).Message, StringComparison.OrdinalIgnoreCase);
        using var inMemory = Study.Create(new StudyOptions { Storage = "memory:" });
        inMemory.Tell(inMemory.Ask(), 1.0);
        Assert.IsType<InMemoryStorage>(inMemory.StorageBackend);
        Assert.Single(inMemory.Trials);
    }
}
