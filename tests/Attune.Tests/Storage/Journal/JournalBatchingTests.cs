using Attune.Storage;
using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>Parameters buffered until the storage's next append, and appends checked by their replay.</summary>
public sealed class JournalBatchingTests
{
    private static readonly JournalFileBackendOptions Fast = new() { Durable = false };

    [Fact]
    public void Parameters_are_appended_with_the_trials_end_and_read_back_identically()
    {
        using var dir = new TempDirectory();
        var path = dir.File("batch.journal");
        using var writer = Open(path);
        using var reader = Open(path);
        var studyId = writer.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = writer.CreateTrial(studyId);
        var lines = LineCount(path);

        writer.SetTrialParam(trial.TrialId, "x", 0.25, new FloatDistribution(-1, 1));
        writer.SetTrialParam(trial.TrialId, "k", 3, new IntDistribution(0, 9));
        Assert.Equal(0.25, writer.GetTrial(trial.TrialId).Params["x"]);
        Assert.Equal(3, writer.GetTrial(trial.TrialId).Params["k"]);
        Assert.Equal(lines, LineCount(path));
        Assert.Empty(reader.GetTrial(trial.TrialId).Params);

        writer.SetTrialStateValues(trial.TrialId, TrialState.Complete, [1.5]);
        Assert.Equal(lines + 3, LineCount(path));

        var written = writer.GetTrial(trial.TrialId);
        var read = reader.GetTrial(trial.TrialId);
        Assert.Equal(TrialState.Complete, read.State);
        Assert.Equal(written.Values, read.Values);
        Assert.Equal(written.InternalParams, read.InternalParams);
        Assert.Equal(written.Distributions, read.Distributions);
        Assert.Equal(new Dictionary<string, double> { ["x"] = 0.25, ["k"] = 3 }, read.InternalParams);
    }

    [Fact]
    public void A_read_of_trials_appends_buffered_parameters_first()
    {
        using var dir = new TempDirectory();
        var path = dir.File("read.journal");
        using var writer = Open(path);
        using var reader = Open(path);
        var studyId = writer.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = writer.CreateTrial(studyId);

        writer.SetTrialParam(trial.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        Assert.Equal(0.5, writer.GetAllTrials(studyId)[0].Params["x"]);

        var seen = reader.GetTrial(trial.TrialId);
        Assert.Equal(TrialState.Running, seen.State);
        Assert.Equal(0.5, seen.Params["x"]);
    }

    [Fact]
    public void Closing_the_storage_appends_buffered_parameters()
    {
        using var dir = new TempDirectory();
        var path = dir.File("close.journal");
        int trialId;
        using (var writer = Open(path))
        {
            var studyId = writer.CreateStudy("s", [StudyDirection.Minimize]);
            trialId = writer.CreateTrial(studyId).TrialId;
            writer.SetTrialParam(trialId, "x", 0.5, new FloatDistribution(0, 1));
        }

        using var reader = Open(path);
        Assert.Equal(0.5, reader.GetTrial(trialId).Params["x"]);
    }

    [Fact]
    public void A_buffered_parameter_that_another_process_made_incompatible_first_is_reported()
    {
        using var dir = new TempDirectory();
        var path = dir.File("race.journal");
        using var first = Open(path);
        using var second = Open(path);
        var studyId = first.CreateStudy("s", [StudyDirection.Minimize]);
        var early = first.CreateTrial(studyId);
        var late = second.CreateTrial(studyId);

        first.SetTrialParam(early.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        second.SetTrialParam(late.TrialId, "x", 2, new IntDistribution(0, 3));
        second.SetTrialStateValues(late.TrialId, TrialState.Complete, [1.0]);

        Assert.Throws<ArgumentException>(() => first.SetTrialStateValues(early.TrialId, TrialState.Complete, [2.0]));
        using var third = Open(path);
        var trials = third.GetAllTrials(studyId);
        Assert.Empty(trials[early.Number].Params);
        Assert.Equal(2, trials[late.Number].Params["x"]);
        Assert.Equal(trials[early.Number].InternalParams, first.GetTrial(early.TrialId).InternalParams);
    }

    [Fact]
    public void Finishing_a_trial_another_process_finished_first_fails_even_with_the_same_state()
    {
        using var dir = new TempDirectory();
        var path = dir.File("finished.journal");
        using var first = Open(path);
        using var second = Open(path);
        var studyId = first.CreateStudy("s", [StudyDirection.Minimize]);
        var trial = first.CreateTrial(studyId);
        first.SetTrialParam(trial.TrialId, "x", 0.5, new FloatDistribution(0, 1));

        second.SetTrialStateValues(trial.TrialId, TrialState.Fail, null);

        Assert.Throws<InvalidOperationException>(() => first.SetTrialStateValues(trial.TrialId, TrialState.Fail, null));
        Assert.Throws<InvalidOperationException>(() => first.SetTrialStateValues(trial.TrialId, TrialState.Complete, [1.0]));
        Assert.Throws<InvalidOperationException>(() => first.SetTrialIntermediateValue(trial.TrialId, 0, 1.0));
        using var third = Open(path);
        Assert.Equal(TrialState.Fail, third.GetTrial(trial.TrialId).State);
    }

    [Fact]
    public void Creating_a_trial_in_a_study_deleted_elsewhere_reports_the_missing_study()
    {
        using var dir = new TempDirectory();
        var path = dir.File("deleted.journal");
        using var first = Open(path);
        using var second = Open(path);
        var studyId = first.CreateStudy("s", [StudyDirection.Minimize]);
        second.DeleteStudy(studyId);

        Assert.Throws<StudyNotFoundException>(() => first.CreateTrial(studyId));
    }

    [Fact]
    public void Append_and_read_returns_what_other_writers_appended_before_these_lines()
    {
        using var dir = new TempDirectory();
        var path = dir.File("backend.journal");
        using var first = new JournalFileBackend(path, Fast);
        using var second = new JournalFileBackend(path, Fast);

        var own = first.AppendAndRead([Line("a")], commit: false, position: 0);
        Assert.Equal(["a"], Texts(own));
        second.AppendLines([Line("b"), Line("c")], commit: false);
        File.AppendAllText(path, "{\"torn\":");

        var mixed = first.AppendAndRead([Line("d")], commit: true, own.NextPosition);
        Assert.Equal(["b", "c", "d"], Texts(mixed));
        Assert.True(mixed.AtEnd);
        Assert.Equal(["a", "b", "c", "d"], Texts(second.ReadLines(0)));
        Assert.Equal(new FileInfo(path).Length, mixed.NextPosition);
    }

    private static ReadOnlyMemory<byte> Line(string name) => System.Text.Encoding.UTF8.GetBytes($"{{\"{name}\":1}}");

    private static string[] Texts(JournalReadResult read) =>
        [.. read.Lines.Select(l => System.Text.Encoding.UTF8.GetString(l.Span)[2..^4])];

    // Parameters wait for the next line however long it takes, so that what these tests count does not depend on timing.
    private static JournalStorage Open(string path) => new(new JournalFileBackend(path, Fast), new() { ParameterWriteDelay = Timeout.InfiniteTimeSpan });

    private static int LineCount(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Count(c => c == '\n');
    }
}
