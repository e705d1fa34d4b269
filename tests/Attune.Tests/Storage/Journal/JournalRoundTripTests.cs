using System.Text.RegularExpressions;
using Attune.Pruners;
using Attune.Samplers;
using Attune.Storage;
using Attune.Storage.Journal;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Tests.Storage.Journal;

/// <summary>What Attune writes to a journal, a fresh storage reads back identically.</summary>
public sealed class JournalRoundTripTests
{
    public enum Color
    {
        Red,
        Blue,
    }

    [Fact]
    public void A_fresh_storage_reads_back_identical_trials()
    {
        using var dir = new TempDirectory();
        var path = dir.File("round.journal");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567));
        var seen = new List<IReadOnlyDictionary<string, object?>>();

        using (var storage = new JournalStorage(new JournalFileBackend(path), new JournalStorageOptions { TimeProvider = time }))
        {
            WriteEverything(storage, time, time.Advance, seen);
            var written = Snapshot(storage);

            using var reread = new JournalStorage(new JournalFileBackend(path), new JournalStorageOptions { TimeProvider = time });
            var read = Snapshot(reread);

            Assert.Equal(written.Keys, read.Keys);
            foreach (var (name, (info, trials)) in written)
            {
                var (readInfo, readTrials) = read[name];
                Assert.Equal(info.StudyId, readInfo.StudyId);
                Assert.Equal(info.Directions, readInfo.Directions);
                OptunaView.AssertSame(name, ToJson(info.UserAttrs), ToJson(readInfo.UserAttrs));
                OptunaView.AssertSame(name, ToJson(info.SystemAttrs), ToJson(readInfo.SystemAttrs));
                Assert.Equal(trials.Count, readTrials.Count);
                for (var i = 0; i < trials.Count; i++)
                {
                    AssertIdentical(trials[i], readTrials[i]);
                }
            }

            AssertWhatWasWritten(read["round"].Info, read["round"].Trials, read["multi"].Info, read["multi"].Trials);

            // What the objective saw is what a reader sees (enum choices by name, numbers by value).
            var round = read["round"].Trials;
            for (var i = 0; i < seen.Count; i++)
            {
                var record = round[i];
                Assert.Equal(seen[i].Keys.Order(), record.Params.Keys.Order());
                foreach (var (name, value) in seen[i])
                {
                    Assert.Equal(CategoricalDistribution.Canonical(value), CategoricalDistribution.Canonical(record.Params[name]));
                }
            }
        }
    }

    [Fact]
    public void Written_lines_are_Optunas_text()
    {
        using var dir = new TempDirectory();
        var path = dir.File("text.journal");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 53, 47, TimeSpan.Zero).AddTicks(3797415));
        using (var storage = new JournalStorage(new JournalFileBackend(path), new JournalStorageOptions { TimeProvider = time }))
        {
            var studyId = storage.CreateStudy("single", [StudyDirection.Minimize]);
            var trial = storage.CreateTrial(studyId);
            storage.SetTrialParam(trial.TrialId, "x", -0.8297799529742598, new FloatDistribution(-5, 5));
            storage.SetTrialParam(trial.TrialId, "lr", 0.007608481233714793, new FloatDistribution(1e-5, 0.1, log: true));
            storage.SetTrialParam(trial.TrialId, "n", 2, new IntDistribution(1, 64, log: true));
            storage.SetTrialParam(trial.TrialId, "c", 4, new CategoricalDistribution(["a", "b", null, true, 3, 2.5]));
            storage.SetTrialIntermediateValue(trial.TrialId, 0, double.NaN);
            storage.SetTrialStateValues(trial.TrialId, TrialState.Complete, [0.6885347703579647]);
        }

        var lines = File.ReadAllLines(path).Select(l => Regex.Replace(l, "\"worker_id\": \"[^\"]*\", ", string.Empty)).ToArray();
        Assert.Equal(
            [
                """{"op_code": 0, "study_name": "single", "directions": [1]}""",
                """{"op_code": 4, "study_id": 0, "datetime_start": "2026-11-27T09:53:47.379741"}""",
                """{"op_code": 5, "trial_id": 0, "param_name": "x", "param_value_internal": -0.8297799529742598, "distribution": "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": -5.0, \"high\": 5.0, \"log\": false}}"}""",
                """{"op_code": 5, "trial_id": 0, "param_name": "lr", "param_value_internal": 0.007608481233714793, "distribution": "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 1e-05, \"high\": 0.1, \"log\": true}}"}""",
                """{"op_code": 5, "trial_id": 0, "param_name": "n", "param_value_internal": 2.0, "distribution": "{\"name\": \"IntDistribution\", \"attributes\": {\"log\": true, \"step\": 1, \"low\": 1, \"high\": 64}}"}""",
                """{"op_code": 5, "trial_id": 0, "param_name": "c", "param_value_internal": 4, "distribution": "{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [\"a\", \"b\", null, true, 3, 2.5]}}"}""",
                """{"op_code": 7, "trial_id": 0, "step": 0, "intermediate_value": NaN}""",
                """{"op_code": 6, "trial_id": 0, "state": 1, "values": [0.6885347703579647], "datetime_complete": "2026-11-27T09:53:47.379741"}""",
            ],
            lines);
        Assert.All(File.ReadAllLines(path), l => Assert.Matches("^\\{\"op_code\": \\d, \"worker_id\": \"[0-9a-f-]{36}-\\d+\", ", l));
    }

    /// <summary>
    /// Writes studies "round" (every distribution kind, NaN and infinite intermediate values, nested attributes, enqueued,
    /// pruned, failed and added trials, one trial left waiting) and "multi" (two objectives).
    /// </summary>
    internal static void WriteEverything(JournalStorage storage, TimeProvider time, Action<TimeSpan> advance, List<IReadOnlyDictionary<string, object?>> seen)
    {
        var study = Study.Create(new StudyOptions
        {
            Name = "round",
            StorageInstance = storage,
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }),
            Pruner = new NopPruner(),
            TimeProvider = time,
        });
        study.SetUserAttr("meta", new Dictionary<string, object?>
        {
            ["list"] = new object?[] { 1, 2.5, "x", null, true, "ünïcødé \"quoted\"\n" },
            ["nested"] = new Dictionary<string, object?> { ["a"] = 1, ["b"] = new[] { 1e-7, 1e20 } },
        });
        study.SetSystemAttr("attune:sampler", "v1");
        study.EnqueueTrial(new Dictionary<string, object?> { ["f"] = 0.5, ["c"] = "s" }, new Dictionary<string, object?> { ["enqueued"] = true });

        for (var i = 0; i < 6; i++)
        {
            advance(TimeSpan.FromTicks(12_345_678));
            var t = study.Ask();
            var f = t.SuggestFloat("f", -1, 1);
            t.SuggestFloat("lf", 1e-5, 1, log: true);
            t.SuggestFloat("sf", 0, 1, step: 0.1);
            t.SuggestInt("i", -3, 3);
            t.SuggestInt("li", 1, 1024, log: true);
            t.SuggestInt("si", 0, 10, step: 5);
            t.SuggestCategorical<object?>("c", [null, true, 3, 2.5, "s"]);
            t.SuggestCategorical("e", [Color.Red, Color.Blue]);
            t.Report(double.NaN, 0);
            t.Report(1.5 + i, 1);
            t.Report(double.PositiveInfinity, 2);
            t.SetUserAttr("nested", new Dictionary<string, object?> { ["i"] = i, ["xs"] = new[] { "a", "b" } });
            seen.Add(t.Params);
            advance(TimeSpan.FromTicks(7));
            switch (i)
            {
                case 2:
                    study.Tell(t, TrialState.Pruned);
                    break;
                case 3:
                    study.Tell(t, TrialState.Fail);
                    break;
                default:
                    study.Tell(t, f * f);
                    break;
            }
        }

        study.AddTrial(new TrialRecord
        {
            State = TrialState.Complete,
            Value = 0.25,
            Params = new Dictionary<string, object?> { ["f"] = 0.5, ["e"] = Color.Blue },
            Distributions = new Dictionary<string, Distribution>
            {
                ["f"] = new FloatDistribution(-1, 1),
                ["e"] = new CategoricalDistribution([Color.Red, Color.Blue]),
            },
            IntermediateValues = new SortedDictionary<long, double> { [0] = 1, [3] = double.NaN },
            UserAttrs = new Dictionary<string, object?> { ["source"] = "added" },
        });
        study.EnqueueTrial(new Dictionary<string, object?> { ["i"] = 2 });

        var multi = Study.Create(new StudyOptions
        {
            Name = "multi",
            StorageInstance = storage,
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
            TimeProvider = time,
        });
        for (var i = 0; i < 3; i++)
        {
            var t = multi.Ask();
            multi.Tell(t, [t.SuggestFloat("a", 0, 1), t.SuggestInt("b", 0, 3)]);
        }
    }

    /// <summary>Checks a reading against what <see cref="WriteEverything"/> did, not only against another reading.</summary>
    internal static void AssertWhatWasWritten(StudyInfo roundInfo, IReadOnlyList<TrialRecord> round, StudyInfo multiInfo, IReadOnlyList<TrialRecord> multi)
    {
        Assert.Equal([StudyDirection.Minimize], roundInfo.Directions);
        Assert.Equal([StudyDirection.Minimize, StudyDirection.Maximize], multiInfo.Directions);
        Assert.Equal("v1", roundInfo.SystemAttrs["attune:sampler"]);
        var meta = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(roundInfo.UserAttrs["meta"]);
        Assert.Equal(new object?[] { 1L, 2.5, "x", null, true, "ünïcødé \"quoted\"\n" }, Assert.IsAssignableFrom<IEnumerable<object?>>(meta["list"]));

        Assert.Equal(
            [TrialState.Complete, TrialState.Complete, TrialState.Pruned, TrialState.Fail, TrialState.Complete, TrialState.Complete, TrialState.Complete, TrialState.Waiting],
            round.Select(t => t.State));
        Assert.Equal(true, round[0].UserAttrs["enqueued"]);
        Assert.Equal(0.5, round[0].Params["f"]);
        Assert.Equal("s", round[0].Params["c"]);
        for (var i = 0; i < 6; i++)
        {
            var trial = round[i];
            Assert.Equal(8, trial.Params.Count);
            Assert.True(double.IsNaN(trial.IntermediateValues[0]));
            Assert.Equal(1.5 + i, trial.IntermediateValues[1]);
            Assert.Equal(double.PositiveInfinity, trial.IntermediateValues[2]);
            Assert.Equal((long)i, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(trial.UserAttrs["nested"])["i"]);
            Assert.NotNull(trial.StartedAt);
            Assert.NotNull(trial.CompletedAt);
            var f = (double)trial.Params["f"]!;
            Assert.Equal(trial.State == TrialState.Complete ? [f * f] : null, trial.Values);
        }

        Assert.Equal("Told Fail.", round[3].SystemAttrs[Study.FailReasonKey]);
        var added = round[6];
        Assert.Equal([0.25], added.Values);
        Assert.Equal("Blue", added.Params["e"]);
        Assert.Equal([0L, 3L], added.IntermediateValues.Keys);
        Assert.Equal("added", added.UserAttrs["source"]);
        var waiting = round[7];
        Assert.Null(waiting.StartedAt);
        Assert.Equal(2L, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(waiting.SystemAttrs[Trial.FixedParamsKey])["i"]);

        Assert.Equal(3, multi.Count);
        Assert.All(multi, t => Assert.Equal([(double)t.Params["a"]!, (int)t.Params["b"]!], t.Values));
    }

    private static Dictionary<string, (StudyInfo Info, IReadOnlyList<TrialRecord> Trials)> Snapshot(JournalStorage storage) =>
        storage.GetAllStudies().ToDictionary(s => s.Name, s => (s, storage.GetAllTrials(s.StudyId)));

    private static object? ToJson(IReadOnlyDictionary<string, object?> attrs)
    {
        var writer = new PythonJsonWriter();
        writer.Value(attrs);
        return PythonJsonReader.Parse(writer.ToArray());
    }

    private static void AssertIdentical(TrialRecord expected, TrialRecord actual)
    {
        var where = $"trial {expected.Number}";
        Assert.Equal(expected.TrialId, actual.TrialId);
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.StartedAt, actual.StartedAt);
        Assert.Equal(expected.CompletedAt, actual.CompletedAt);
        Assert.Equal(expected.Distributions.OrderBy(p => p.Key), actual.Distributions.OrderBy(p => p.Key));
        Assert.Equal(expected.InternalParams.OrderBy(p => p.Key), actual.InternalParams.OrderBy(p => p.Key));
        Assert.Equal(expected.Params.Keys.Order(), actual.Params.Keys.Order());
        foreach (var (name, value) in expected.Params)
        {
            Assert.Equal(value, actual.Params[name]);
            Assert.Equal(value?.GetType(), actual.Params[name]?.GetType());
        }

        Assert.Equal(expected.IntermediateValues, actual.IntermediateValues);
        OptunaView.AssertSame(where + " user_attrs", ToJson(expected.UserAttrs), ToJson(actual.UserAttrs));
        OptunaView.AssertSame(where + " system_attrs", ToJson(expected.SystemAttrs), ToJson(actual.SystemAttrs));
    }
}
