using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>Lines written by hand (as other Optuna workers would) replay by Optuna 3.1's rules.</summary>
public sealed class JournalReplayRulesTests
{
    /// <summary>
    /// A journal that exercises the id and ignore rules; every line is valid, so Optuna reads it too (the interop
    /// test checks Optuna's reading agrees).
    /// </summary>
    internal static readonly string[] RulesJournal =
    [
        """{"op_code": 0, "worker_id": "w-1", "study_name": "a", "directions": [1]}""",
        """{"op_code": 0, "worker_id": "w-1", "study_name": "a", "directions": [2]}""",
        """{"op_code": 0, "worker_id": "w-1", "study_name": "gone", "directions": [2]}""",
        """{"op_code": 4, "worker_id": "w-1", "study_id": 1, "datetime_start": "2026-01-01T00:00:00.000001"}""",
        """{"op_code": 1, "worker_id": "w-1", "study_id": 1}""",
        """{"op_code": 4, "worker_id": "w-1", "study_id": 1, "datetime_start": "2026-01-01T00:00:00.000002"}""",
        """{"op_code": 2, "worker_id": "w-1", "study_id": 1, "user_attr": {"lost": true}}""",
        """{"op_code": 0, "worker_id": "w-1", "study_name": "gone", "directions": [1, 2]}""",
        """{"op_code": 4, "worker_id": "w-1", "study_id": 0, "datetime_start": "2026-01-01T00:00:01.000000"}""",
        """{"op_code": 5, "worker_id": "w-1", "trial_id": 1, "param_name": "x", "param_value_internal": 0.5, "distribution": "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 0.0, \"high\": 1.0, \"log\": false}}"}""",
        """{"op_code": 5, "worker_id": "w-1", "trial_id": 1, "param_name": "x", "param_value_internal": 0.5, "distribution": "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 0.1, \"high\": 1.0, \"log\": true}}"}""",
        """{"op_code": 7, "worker_id": "w-1", "trial_id": 1, "step": 0, "intermediate_value": NaN}""",
        """{"op_code": 7, "worker_id": "w-1", "trial_id": 1, "step": 1, "intermediate_value": -Infinity}""",
        """{"op_code": 6, "worker_id": "w-1", "trial_id": 1, "state": 0, "values": null, "datetime_start": "2026-01-01T00:00:09.000000"}""",
        """{"op_code": 6, "worker_id": "w-1", "trial_id": 1, "state": 1, "values": [0.25], "datetime_complete": "2026-01-01T00:00:02.500000"}""",
        """{"op_code": 6, "worker_id": "w-2", "trial_id": 1, "state": 3, "values": null, "datetime_complete": "2026-01-01T00:00:03.000000"}""",
        """{"op_code": 8, "worker_id": "w-2", "trial_id": 1, "user_attr": {"late": 1}}""",
        """{"op_code": 4, "worker_id": "w-1", "study_id": 0, "datetime_start": null, "state": 4, "value": null, "values": null, "distributions": {}, "params": {}, "user_attrs": {}, "system_attrs": {"fixed_params": {"x": 0.75}}, "intermediate_values": {}}""",
        """{"op_code": 6, "worker_id": "w-1", "trial_id": 2, "state": 0, "values": null, "datetime_start": "2026-01-01T00:00:04.000000"}""",
        """{"op_code": 6, "worker_id": "w-2", "trial_id": 2, "state": 0, "values": null, "datetime_start": "2026-01-01T00:00:05.000000"}""",
        """{"op_code": 5, "worker_id": "w-2", "trial_id": 2, "param_name": "x", "param_value_internal": 2.0, "distribution": "{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [1, 2, 3]}}"}""",
        """{"op_code": 5, "worker_id": "w-2", "trial_id": 2, "param_name": "x", "param_value_internal": 0.75, "distribution": "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 0.5, \"high\": 2.0, \"log\": false}}"}""",
        """{"op_code": 4, "worker_id": "w-2", "study_id": 0, "datetime_start": "2026-01-01T00:00:06.000000", "state": 2, "value": 1.5, "values": null, "datetime_complete": "2026-01-01T00:00:07.000000", "distributions": {"x": "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 0.1, \"high\": 1.0, \"log\": true}}"}, "params": {"x": 0.2}, "user_attrs": {}, "system_attrs": {}, "intermediate_values": {"4": 1.5}}""",
        """{"op_code": 4, "worker_id": "w-2", "study_id": 2, "datetime_start": "2026-01-01T00:00:08.000000"}""",
        """{"op_code": 3, "worker_id": "w-2", "study_id": 2, "system_attr": {"s": [1, "two"]}}""",
    ];

    [Fact]
    public void Ids_numbers_and_ignored_operations_follow_Optuna()
    {
        using var dir = new TempDirectory();
        var path = dir.File("rules.journal");
        File.WriteAllLines(path, RulesJournal);
        var logs = new ListLoggerFactory();

        using var storage = new JournalStorage(new JournalFileBackend(path), new JournalStorageOptions { LoggerFactory = logs });

        // A duplicate name takes no id; a deleted study's id is not reused; its name is free again.
        Assert.Equal(["a", "gone"], storage.GetAllStudies().Select(s => s.Name));
        Assert.Equal(0, storage.FindStudy("a"));
        Assert.Equal(2, storage.FindStudy("gone"));
        Assert.Equal([StudyDirection.Minimize], storage.GetStudy(0).Directions);
        Assert.Equal([StudyDirection.Minimize, StudyDirection.Maximize], storage.GetStudy(2).Directions);
        Assert.Empty(storage.GetStudy(2).UserAttrs);
        Assert.Equal(new List<object?> { 1L, "two" }, storage.GetStudy(2).SystemAttrs["s"]);

        var trials = storage.GetAllTrials(0);
        Assert.Equal([0, 1, 2], trials.Select(t => t.Number));

        // Trial 0 of the deleted study keeps id 0; the trial created in it after deletion took none.
        Assert.Equal([1, 2, 3], trials.Select(t => t.TrialId));

        // The incompatible (log) distribution was ignored; RUNNING on a running trial and changes after COMPLETE too.
        var first = trials[0];
        Assert.Equal(TrialState.Complete, first.State);
        Assert.Equal([0.25], first.Values);
        Assert.Equal(new FloatDistribution(0, 1), first.Distributions["x"]);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 1), first.StartedAt!.Value.DateTime);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 2, 500), first.CompletedAt!.Value.DateTime);
        Assert.True(double.IsNaN(first.IntermediateValues[0]));
        Assert.Equal(double.NegativeInfinity, first.IntermediateValues[1]);
        Assert.Empty(first.UserAttrs);

        // The enqueued trial went to the first RUNNING op; the second lost. A categorical "x" is incompatible with
        // trial 1's float, a float with another range is not.
        var popped = trials[1];
        Assert.Equal(TrialState.Running, popped.State);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 4), popped.StartedAt!.Value.DateTime);
        Assert.Equal(new FloatDistribution(0.5, 2), popped.Distributions["x"]);
        Assert.Equal(0.75, popped.Params["x"]);

        // A trial created with parameters is taken unchecked, as Optuna does (log differs from trial 1's).
        var added = trials[2];
        Assert.Equal(TrialState.Pruned, added.State);
        Assert.Equal([1.5], added.Values);
        Assert.Equal(new FloatDistribution(0.1, 1, log: true), added.Distributions["x"]);
        Assert.Equal(1.5, added.IntermediateValues[4]);

        Assert.Equal(4, storage.GetAllTrials(2).Single().TrialId);
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public void A_write_on_top_of_foreign_lines_gets_the_next_ids()
    {
        using var dir = new TempDirectory();
        var path = dir.File("rules.journal");
        File.WriteAllLines(path, RulesJournal);
        using var storage = new JournalStorage(new JournalFileBackend(path));

        Assert.Equal(3, storage.CreateStudy("new", [StudyDirection.Maximize]));
        var trial = storage.CreateTrial(0);
        Assert.Equal(5, trial.TrialId);
        Assert.Equal(3, trial.Number);
        Assert.Throws<DuplicateStudyException>(() => storage.CreateStudy("gone", [StudyDirection.Minimize]));
        Assert.Throws<ArgumentException>(() => storage.SetTrialParam(trial.TrialId, "x", 0.5, new FloatDistribution(0.1, 1, log: true)));
        Assert.Throws<InvalidOperationException>(() => storage.SetTrialUserAttr(1, "k", 1L));
        Assert.Throws<KeyNotFoundException>(() => storage.SetTrialUserAttr(0, "k", 1L));
        Assert.Throws<StudyNotFoundException>(() => storage.CreateTrial(1));
        Assert.False(storage.SetTrialStateValues(2, TrialState.Running, null));

        // Rejected writes append nothing.
        Assert.Equal(RulesJournal.Length + 2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Malformed_lines_and_operations_are_skipped_with_a_warning_and_later_lines_apply()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.journal");
        File.WriteAllLines(path,
        [
            """{"op_code": 0, "worker_id": "w", "study_name": "s", "directions": [1]}""",
            """this is not json""",
            """{"op_code": 42, "worker_id": "w"}""",
            """{"op_code": 4, "worker_id": "w", "study_id": 0}""",
            """{"op_code": 4, "worker_id": "w", "study_id": 0, "datetime_start": null, "params": {"x": 1.0}}""",
            """[1, 2]""",
            """{"op_code": 4, "worker_id": "w", "study_id": 0, "datetime_start": "2026-01-01T00:00:00.000000"}""",
            """{"op_code": 5, "worker_id": "w", "trial_id": 0, "param_name": "x", "param_value_internal": 0.5, "distribution": "{\"name\": \"NoSuchDistribution\", \"attributes\": {}}"}""",
            """{"op_code": 5, "worker_id": "w", "trial_id": 0, "param_name": "c", "param_value_internal": 7, "distribution": "{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [1, 2]}}"}""",
            """{"op_code": 8, "worker_id": "w", "trial_id": 0, "user_attr": {"a": 1, "b": 2}}""",
            """{"op_code": 8, "worker_id": "w", "trial_id": 0, "user_attr": {"note": "kept"}}""",
        ]);
        var logs = new ListLoggerFactory();

        using var storage = new JournalStorage(new JournalFileBackend(path), new JournalStorageOptions { LoggerFactory = logs });

        var trial = Assert.Single(storage.GetAllTrials(0));
        Assert.Equal(0, trial.TrialId);
        Assert.Empty(trial.Params);
        Assert.Equal("kept", trial.UserAttrs["note"]);
        Assert.True(logs.Warnings.Count() == 8, string.Join("\n", logs.Warnings));
    }
}
