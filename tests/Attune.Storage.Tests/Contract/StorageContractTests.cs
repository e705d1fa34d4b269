using Attune.Samplers;
using Xunit.Abstractions;

namespace Attune.Storage.Tests.Contract;

/// <summary>
/// What every storage promises (<see cref="IStorage"/>), run unchanged against each of them: in memory, journal file,
/// SQLite, PostgreSQL, MySQL and the journal on Redis. A storage needing a server that is not configured is skipped
/// with a message (or fails, with ATTUNE_REQUIRE_SERVERS=1).
/// </summary>
public abstract partial class StorageContractTests : IDisposable
{
    protected StorageContractTests(ITestOutputHelper output)
    {
        Output = output;
        Target = CreateTarget();
    }

    protected ITestOutputHelper Output { get; }

    /// <summary>The store under test, empty; <see langword="null"/> when its server is not configured.</summary>
    protected StorageTarget? Target { get; }

    public void Dispose()
    {
        Target?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract StorageTarget? CreateTarget();

    [Fact]
    public void Studies_are_created_found_listed_and_deleted()
    {
        if (Target is null)
        {
            return;
        }

        var storage = Target.Open();
        var a = storage.CreateStudy("a", [StudyDirection.Minimize]);
        var b = storage.CreateStudy("b", [StudyDirection.Maximize, StudyDirection.Minimize]);

        Assert.NotEqual(a, b);
        Assert.Equal(a, storage.FindStudy("a"));
        Assert.Null(storage.FindStudy("A"));
        Assert.Equal([StudyDirection.Maximize, StudyDirection.Minimize], storage.GetStudy(b).Directions);
        Assert.Equal(["a", "b"], storage.GetAllStudies().Select(s => s.Name));
        Assert.Throws<DuplicateStudyException>(() => storage.CreateStudy("a", [StudyDirection.Minimize]));

        storage.CreateTrial(a);
        storage.DeleteStudy(a);
        Assert.Null(storage.FindStudy("a"));
        Assert.Throws<StudyNotFoundException>(() => storage.GetStudy(a));
        Assert.Equal(["b"], Target.Open().GetAllStudies().Select(s => s.Name));
    }

    [Fact]
    public void A_study_name_with_quotes_and_SQL_in_it_round_trips_intact()
    {
        if (Target is null)
        {
            return;
        }

        const string Name = "it's \"x\"; DROP TABLE studies; -- `y` \\ 名前 ✓ %_";
        var storage = Target.Open();
        var id = storage.CreateStudy(Name, [StudyDirection.Minimize]);
        storage.SetStudyUserAttr(id, "k'ey\"", "va'l\"ue; DELETE FROM trials;");

        var reopened = Target.Open();
        Assert.Equal(id, reopened.FindStudy(Name));
        Assert.Equal(Name, reopened.GetStudy(id).Name);
        Assert.Equal("va'l\"ue; DELETE FROM trials;", reopened.GetStudy(id).UserAttrs["k'ey\""]);
        Assert.Equal([Name], reopened.GetAllStudies().Select(s => s.Name));
    }

    [Fact]
    public void Study_attributes_keep_JSON_values()
    {
        if (Target is null)
        {
            return;
        }

        var storage = Target.Open();
        var id = storage.CreateStudy("s", [StudyDirection.Minimize]);
        var nested = new Dictionary<string, object?> { ["n"] = 3L, ["xs"] = new List<object?> { "a", 1.5, true, null } };
        storage.SetStudyUserAttr(id, "nested", nested);
        storage.SetStudyUserAttr(id, "n", 1L);
        storage.SetStudyUserAttr(id, "n", 2L);
        storage.SetStudySystemAttr(id, "attune:x", "é");

        var info = Target.Open().GetStudy(id);
        OptunaView.AssertSame("user attrs", new Dictionary<string, object?> { ["nested"] = nested, ["n"] = 2L }, Canonical(info.UserAttrs));
        Assert.Equal("é", info.SystemAttrs["attune:x"]);
    }

    [Fact]
    public void A_trial_keeps_everything_written_to_it()
    {
        if (Target is null)
        {
            return;
        }

        var storage = Target.Open();
        var studyId = storage.CreateStudy("s", [StudyDirection.Minimize]);
        var created = storage.CreateTrial(studyId);
        Assert.Equal(0, created.Number);
        Assert.Equal(TrialState.Running, created.State);
        Assert.NotNull(created.StartedAt);

        var categorical = new CategoricalDistribution(["a", null, true, 3L, 2.5]);
        storage.SetTrialParam(created.TrialId, "x", 0.25, new FloatDistribution(-1, 1));
        storage.SetTrialParam(created.TrialId, "lr", 1e-3, new FloatDistribution(1e-5, 1, log: true));
        storage.SetTrialParam(created.TrialId, "k", 4, new IntDistribution(0, 10, step: 2));
        storage.SetTrialParam(created.TrialId, "c", 2, categorical);
        storage.SetTrialIntermediateValue(created.TrialId, 0, 1.5);
        storage.SetTrialIntermediateValue(created.TrialId, 1, double.NaN);
        storage.SetTrialIntermediateValue(created.TrialId, 2, double.PositiveInfinity);
        storage.SetTrialIntermediateValue(created.TrialId, 2, double.NegativeInfinity);
        storage.SetTrialUserAttr(created.TrialId, "note", new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, "b" } });
        storage.SetTrialSystemAttr(created.TrialId, "attune:s", 7L);
        Assert.True(storage.SetTrialStateValues(created.TrialId, TrialState.Complete, [0.5]));

        foreach (var reader in new[] { storage, Target.Open() })
        {
            var trial = reader.GetTrial(created.TrialId);
            Assert.Equal(TrialState.Complete, trial.State);
            Assert.Equal(0.5, trial.Value);
            Assert.Equal(0.25, trial.Params["x"]);
            Assert.Equal(1e-3, trial.Params["lr"]);
            Assert.Equal(4, trial.Params["k"]);
            Assert.Equal(true, trial.Params["c"]);
            Assert.Equal(categorical, trial.Distributions["c"]);
            Assert.Equal(new IntDistribution(0, 10, step: 2), trial.Distributions["k"]);
            Assert.Equal([0L, 1L, 2L], trial.IntermediateValues.Keys);
            Assert.Equal(1.5, trial.IntermediateValues[0]);
            Assert.True(double.IsNaN(trial.IntermediateValues[1]));
            Assert.Equal(double.NegativeInfinity, trial.IntermediateValues[2]);
            OptunaView.AssertSame("user attrs", new Dictionary<string, object?> { ["note"] = new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, "b" } } }, Canonical(trial.UserAttrs));
            Assert.Equal(7L, trial.SystemAttrs["attune:s"]);
            Assert.Equal(created.StartedAt, trial.StartedAt);
            Assert.NotNull(trial.CompletedAt);
            Assert.True(trial.CompletedAt >= trial.StartedAt);
            Assert.Equal(trial, reader.GetAllTrials(studyId).Single(), TrialComparer.Instance);
        }
    }

    [Fact]
    public void A_finished_trial_cannot_change_and_unknown_ids_are_errors()
    {
        if (Target is null)
        {
            return;
        }

        var storage = Target.Open();
        var studyId = storage.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = storage.CreateTrial(studyId);
        storage.SetTrialStateValues(trial.TrialId, TrialState.Fail, null);

        Assert.Throws<InvalidOperationException>(() => storage.SetTrialParam(trial.TrialId, "x", 0, new FloatDistribution(0, 1)));
        Assert.Throws<InvalidOperationException>(() => storage.SetTrialIntermediateValue(trial.TrialId, 0, 1));
        Assert.Throws<InvalidOperationException>(() => storage.SetTrialUserAttr(trial.TrialId, "k", 1L));
        Assert.Throws<InvalidOperationException>(() => storage.SetTrialStateValues(trial.TrialId, TrialState.Complete, [1.0]));
        Assert.False(storage.SetTrialStateValues(trial.TrialId, TrialState.Running, null));
        Assert.Throws<KeyNotFoundException>(() => storage.GetTrial(trial.TrialId + 1000));
        Assert.Throws<StudyNotFoundException>(() => storage.GetAllTrials(studyId + 1000));
        Assert.Equal(TrialState.Fail, Target.Open().GetTrial(trial.TrialId).State);
    }

    [Fact]
    public void A_parameter_distribution_must_agree_with_the_study()
    {
        if (Target is null)
        {
            return;
        }

        var storage = Target.Open();
        var studyId = storage.CreateStudy("s", [StudyDirection.Minimize]);
        var first = storage.CreateTrial(studyId);
        storage.SetTrialParam(first.TrialId, "x", 0.5, new FloatDistribution(0, 1));

        // A running trial's parameters may wait for the writer's next write or read of the study's trials.
        storage.GetAllTrials(studyId);
        var second = Target.Open().CreateTrial(studyId);

        Assert.Throws<ArgumentException>(() => Target.Open().SetTrialParam(second.TrialId, "x", 1, new IntDistribution(0, 3)));
        using (var other = Target.Open())
        {
            other.SetTrialParam(second.TrialId, "x", 2.5, new FloatDistribution(0, 5));
        }

        Assert.Equal(2.5, storage.GetTrial(second.TrialId).Params["x"]);
    }

    [Fact]
    public void Parameters_are_read_back_at_once_here_and_by_others_once_the_trial_is_written_again()
    {
        if (Target is null)
        {
            return;
        }

        using var writer = Target.Open();
        using var reader = Target.Open();
        var studyId = writer.CreateStudy("p", [StudyDirection.Minimize]);
        var first = writer.CreateTrial(studyId);
        writer.SetTrialParam(first.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        writer.SetTrialStateValues(first.TrialId, TrialState.Complete, [1.0]);

        // Parameters may wait for the trial's next write; the running trial itself is visible at once.
        var running = writer.CreateTrial(studyId);
        writer.SetTrialParam(running.TrialId, "x", 0.25, new FloatDistribution(0, 1));
        writer.SetTrialParam(running.TrialId, "k", 3, new IntDistribution(0, 9));
        Assert.Equal(TrialState.Running, reader.GetTrial(running.TrialId).State);
        Assert.Equal(0.25, writer.GetTrial(running.TrialId).Params["x"]);
        Assert.Equal(3, writer.GetTrial(running.TrialId).Params["k"]);
        Assert.Equal(0.25, writer.GetAllTrials(studyId)[running.Number].Params["x"]);
        Assert.Equal(3, reader.GetTrial(running.TrialId).Params["k"]);

        var last = writer.CreateTrial(studyId);
        writer.SetTrialParam(last.TrialId, "x", 0.75, new FloatDistribution(0, 1));
        writer.SetTrialParam(last.TrialId, "k", 5, new IntDistribution(0, 9));
        writer.SetTrialStateValues(last.TrialId, TrialState.Complete, [2.0]);
        var read = reader.GetAllTrials(studyId)[last.Number];
        Assert.Equal(TrialState.Complete, read.State);
        Assert.Equal(new Dictionary<string, double> { ["x"] = 0.75, ["k"] = 5 }, read.InternalParams);
        Assert.Equal(writer.GetTrial(last.TrialId).Distributions, read.Distributions);
    }

    [Fact]
    public void Numbers_count_trials_per_study_and_templates_are_copied()
    {
        if (Target is null)
        {
            return;
        }

        var storage = Target.Open();
        var a = storage.CreateStudy("a", [StudyDirection.Minimize, StudyDirection.Maximize]);
        var b = storage.CreateStudy("b", [StudyDirection.Minimize]);
        storage.CreateTrial(a);
        storage.CreateTrial(b);
        var added = storage.CreateTrial(a, new TrialRecord
        {
            State = TrialState.Complete,
            Values = [1.5, double.PositiveInfinity],
            Params = new Dictionary<string, object?> { ["x"] = 0.5, ["c"] = "q" },
            Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1), ["c"] = new CategoricalDistribution(["p", "q"]) },
            IntermediateValues = new SortedDictionary<long, double> { [3] = 2.0 },
            UserAttrs = new Dictionary<string, object?> { ["u"] = "v" },
            SystemAttrs = new Dictionary<string, object?> { ["s"] = 1L },
            StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            CompletedAt = new DateTimeOffset(2026, 1, 2, 3, 5, 6, TimeSpan.Zero),
        });

        Assert.Equal(1, added.Number);
        var read = Target.Open().GetAllTrials(a)[1];
        Assert.Equal(TrialState.Complete, read.State);
        Assert.Equal([1.5, double.PositiveInfinity], read.Values!);
        Assert.Equal("q", read.Params["c"]);
        Assert.Equal(2.0, read.IntermediateValues[3]);
        Assert.Equal("v", read.UserAttrs["u"]);
        Assert.Equal(1L, read.SystemAttrs["s"]);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), read.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 5, 6, TimeSpan.Zero), read.CompletedAt);
        Assert.Equal([0], storage.GetAllTrials(b).Select(t => t.Number));
    }

    [Fact]
    public void Waiting_trials_are_popped_oldest_first_and_only_while_waiting()
    {
        if (Target is null)
        {
            return;
        }

        var storage = Target.Open();
        var studyId = storage.CreateStudy("q", [StudyDirection.Minimize]);
        Assert.Null(storage.PopWaitingTrial(studyId));
        var w0 = storage.CreateTrial(studyId, new TrialRecord { State = TrialState.Waiting, SystemAttrs = new Dictionary<string, object?> { ["fixed_params"] = new Dictionary<string, object?> { ["x"] = 1.0 } } });
        storage.CreateTrial(studyId);
        var w2 = storage.CreateTrial(studyId, new TrialRecord { State = TrialState.Waiting });
        var w3 = storage.CreateTrial(studyId, new TrialRecord { State = TrialState.Waiting });
        Assert.Null(w0.StartedAt);
        Assert.True(storage.SetTrialStateValues(w2.TrialId, TrialState.Running, null));
        Assert.False(Target.Open().SetTrialStateValues(w2.TrialId, TrialState.Running, null));

        var popped = Target.Open().PopWaitingTrial(studyId)!;
        Assert.Equal(w0.TrialId, popped.TrialId);
        Assert.Equal(TrialState.Running, popped.State);
        Assert.NotNull(popped.StartedAt);
        Assert.True(popped.SystemAttrs.ContainsKey("fixed_params"));
        Assert.Equal(w3.TrialId, storage.PopWaitingTrial(studyId)!.TrialId);
        Assert.Null(storage.PopWaitingTrial(studyId));
    }

    [Fact]
    public void Another_instance_sees_new_and_finished_trials_on_its_next_read()
    {
        if (Target is null)
        {
            return;
        }

        var writer = Target.Open();
        var reader = Target.Open();
        var studyId = writer.CreateStudy("s", [StudyDirection.Minimize]);
        var t0 = writer.CreateTrial(studyId);
        Assert.Equal([TrialState.Running], reader.GetAllTrials(studyId).Select(t => t.State));

        writer.SetTrialParam(t0.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        writer.SetTrialStateValues(t0.TrialId, TrialState.Complete, [1.0]);
        var t1 = writer.CreateTrial(studyId);
        writer.SetTrialUserAttr(t1.TrialId, "u", 1L);
        var trials = reader.GetAllTrials(studyId);
        Assert.Equal([TrialState.Complete, TrialState.Running], trials.Select(t => t.State));
        Assert.Equal(0.5, trials[0].Params["x"]);
        Assert.Equal(1L, trials[1].UserAttrs["u"]);

        writer.SetTrialStateValues(t1.TrialId, TrialState.Pruned, null);
        Assert.Equal([TrialState.Complete, TrialState.Pruned], reader.GetAllTrials(studyId).Select(t => t.State));
        Assert.Same(reader.GetAllTrials(studyId)[0], reader.GetAllTrials(studyId)[0]);
    }

    [Fact]
    public void Threads_on_two_instances_get_distinct_numbers_and_lose_nothing()
    {
        if (Target is null)
        {
            return;
        }

        var a = Study.Create(new StudyOptions { Name = "s", StorageInstance = Target.Open(), LoadIfExists = true, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
        var b = Study.Create(new StudyOptions { Name = "s", StorageInstance = Target.Open(), LoadIfExists = true });
        for (var i = 0; i < 6; i++)
        {
            a.EnqueueTrial(new Dictionary<string, object?> { ["x"] = i / 10.0 });
        }

        Parallel.Invoke(
            () => a.Optimize(t => t.SuggestFloat("x", -1, 1) + t.SuggestInt("k", 0, 9), new OptimizeOptions { Trials = 40, Parallelism = 3 }),
            () => b.Optimize(t => t.SuggestFloat("x", -1, 1) + t.SuggestInt("k", 0, 9), new OptimizeOptions { Trials = 40, Parallelism = 3 }));

        var trials = Target.Open().GetAllTrials(a.StudyId);
        Assert.Equal(80, trials.Count);
        Assert.Equal(Enumerable.Range(0, 80), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        var enqueued = trials.Where(t => t.SystemAttrs.ContainsKey(Trial.FixedParamsKey)).ToList();
        Assert.Equal(6, enqueued.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i / 10.0), enqueued.Select(t => (double)t.Params["x"]!).Order());
    }

    [Fact]
    public void Each_enqueued_trial_is_popped_by_exactly_one_of_several_racing_instances()
    {
        if (Target is null)
        {
            return;
        }

        const int Workers = 5;
        var storages = Enumerable.Range(0, Workers).Select(_ => Target.Open()).ToArray();
        var studyId = storages[0].CreateStudy("q", [StudyDirection.Minimize]);
        for (var round = 0; round < 6; round++)
        {
            var enqueued = storages[0].CreateTrial(studyId, new TrialRecord { State = TrialState.Waiting });
            using var start = new Barrier(Workers);
            var popped = new System.Collections.Concurrent.ConcurrentBag<TrialRecord>();
            Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, w =>
            {
                start.SignalAndWait();
                if (storages[w].PopWaitingTrial(studyId) is { } trial)
                {
                    popped.Add(trial);
                }
            });

            var winner = Assert.Single(popped);
            Assert.Equal(enqueued.TrialId, winner.TrialId);
        }

        Assert.All(Target.Open().GetAllTrials(studyId), t => Assert.Equal(TrialState.Running, t.State));
    }

    private static Dictionary<string, object?> Canonical(IReadOnlyDictionary<string, object?> attrs) =>
        attrs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
