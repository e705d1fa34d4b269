using System.Text;
using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>A writer killed mid-line leaves a torn last line; nothing before it is lost, and writing goes on.</summary>
public sealed class JournalTornLineTests
{
    public static TheoryData<int> Cuts => new() { 1, 2, 17, -20, -2, -1, 0 };

    /// <summary>Cuts the last line: a positive cut keeps that many bytes of it, a negative one drops that many, 0 drops only its line break.</summary>
    [Theory]
    [MemberData(nameof(Cuts))]
    public void A_torn_last_line_loses_only_itself_and_the_next_write_repairs_the_file(int cut)
    {
        using var dir = new TempDirectory();
        var path = dir.File("torn.journal");
        int studyId;
        using (var writer = new JournalStorage(new JournalFileBackend(path)))
        {
            studyId = writer.CreateStudy("s", [StudyDirection.Minimize]);
            for (var i = 0; i < 4; i++)
            {
                var trial = writer.CreateTrial(studyId);
                writer.SetTrialParam(trial.TrialId, "x", i / 10.0, new FloatDistribution(0, 1));
                writer.SetTrialStateValues(trial.TrialId, TrialState.Complete, [i]);
            }
        }

        var bytes = File.ReadAllBytes(path);
        var lastLineStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        var lastLineLength = bytes.Length - 1 - lastLineStart;
        var keep = cut > 0 ? cut : lastLineLength + cut;
        File.WriteAllBytes(path, bytes[..(lastLineStart + keep)]);

        var logs = new ListLoggerFactory();
        using var reader = new JournalStorage(new JournalFileBackend(path), new JournalStorageOptions { LoggerFactory = logs });
        var trials = reader.GetAllTrials(studyId);
        Assert.Equal(4, trials.Count);
        Assert.All(trials.Take(3), t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(TrialState.Running, trials[3].State);
        Assert.Equal(0.3, trials[3].Params["x"]);

        // Another process writes: the torn fragment goes, with a warning, and its line lands whole.
        var backendLogs = new ListLoggerFactory();
        using (var other = new JournalStorage(new JournalFileBackend(path, new JournalFileBackendOptions { LoggerFactory = backendLogs })))
        {
            other.SetTrialStateValues(trials[3].TrialId, TrialState.Complete, [3.5]);
        }

        Assert.Contains(backendLogs.Warnings, w => w.Contains("incomplete last line", StringComparison.Ordinal));
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.All(text.TrimEnd('\n').Split('\n'), line => Assert.NotNull(PythonJsonReader.Parse(Encoding.UTF8.GetBytes(line))));

        // The reader opened before the repair sees the new operation and keeps the old ones.
        var after = reader.GetAllTrials(studyId);
        Assert.Equal(4, after.Count);
        Assert.All(after, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal([3.5], after[3].Values);
        Assert.Empty(logs.Warnings);

        using var fresh = new JournalStorage(new JournalFileBackend(path));
        Assert.Equal(after.Select(t => t.Values![0]), fresh.GetAllTrials(studyId).Select(t => t.Values![0]));
    }

    [Fact]
    public void A_complete_invalid_line_in_the_middle_is_skipped_with_a_warning()
    {
        using var dir = new TempDirectory();
        var path = dir.File("middle.journal");
        using (var writer = new JournalStorage(new JournalFileBackend(path)))
        {
            writer.CreateStudy("s", [StudyDirection.Minimize]);
        }

        File.AppendAllText(path, "{\"op_code\": 4, \"worker_id\": \"w\", \"stu\n");
        using (var writer = new JournalStorage(new JournalFileBackend(path)))
        {
            writer.CreateTrial(0);
        }

        var logs = new ListLoggerFactory();
        using var reader = new JournalStorage(new JournalFileBackend(path), new JournalStorageOptions { LoggerFactory = logs });
        Assert.Single(reader.GetAllTrials(0));
        Assert.Single(logs.Warnings);
    }

    [Fact]
    public void A_line_being_written_is_not_read_until_complete()
    {
        using var dir = new TempDirectory();
        var path = dir.File("partial.journal");
        using var backend = new JournalFileBackend(path);
        backend.AppendLines([Encoding.UTF8.GetBytes("{\"a\": 1}")], commit: false);
        File.AppendAllText(path, "{\"b\": ");

        var first = backend.ReadLines(0);
        Assert.Equal(["{\"a\": 1}"], first.Lines.Select(l => Encoding.UTF8.GetString(l.Span)));
        Assert.Equal(9, first.NextPosition);
        Assert.Empty(backend.ReadLines(first.NextPosition).Lines);

        File.AppendAllText(path, "2}\n");
        var second = backend.ReadLines(first.NextPosition);
        Assert.Equal(["{\"b\": 2}"], second.Lines.Select(l => Encoding.UTF8.GetString(l.Span)));
        Assert.Equal(new FileInfo(path).Length, second.NextPosition);
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_are_read_whole()
    {
        using var dir = new TempDirectory();
        var path = dir.File("long.journal");
        using var backend = new JournalFileBackend(path);
        var longLine = "{\"s\": \"" + new string('x', 3 << 20) + "\"}";
        backend.AppendLines([Encoding.UTF8.GetBytes(longLine), "{\"t\": 1}"u8.ToArray()], commit: false);

        var read = backend.ReadLines(0);
        var lines = new List<string>(read.Lines.Select(l => Encoding.UTF8.GetString(l.Span)));
        while (backend.ReadLines(read.NextPosition) is { Lines.Count: > 0 } more)
        {
            lines.AddRange(more.Lines.Select(l => Encoding.UTF8.GetString(l.Span)));
            read = more;
        }

        Assert.Equal([longLine, "{\"t\": 1}"], lines);
    }
}
