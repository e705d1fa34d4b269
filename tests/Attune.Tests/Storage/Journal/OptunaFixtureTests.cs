using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>A journal written by Optuna 3.1 reads exactly as Optuna itself read it.</summary>
public sealed class OptunaFixtureTests
{
    [Fact]
    public void Optuna_3_1_journal_loads_as_Optuna_reads_it()
    {
        using var dir = new TempDirectory();
        var path = dir.CopyFixture("optuna-3.1.journal.log");
        var expected = OptunaView.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "optuna-3.1.journal.expected.json"));
        var logs = new ListLoggerFactory();

        using var storage = new JournalStorage(new JournalFileBackend(path), new JournalStorageOptions { LoggerFactory = logs });

        OptunaView.AssertMatches(expected, storage);
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public void Optuna_3_1_journal_ids_numbers_and_details_follow_Optuna()
    {
        using var dir = new TempDirectory();
        var path = dir.CopyFixture("optuna-3.1.journal.log");
        using var storage = new JournalStorage(new JournalFileBackend(path));

        Assert.Equal(0, storage.FindStudy("single"));
        Assert.Equal(1, storage.FindStudy("multi"));
        var single = storage.GetAllTrials(0);
        var multi = storage.GetAllTrials(1);

        // Trial ids count every trial of the file; numbers count the study's.
        Assert.Equal(Enumerable.Range(0, 11), single.Select(t => t.TrialId));
        Assert.Equal(Enumerable.Range(11, 5), multi.Select(t => t.TrialId));
        Assert.Equal(Enumerable.Range(0, 5), multi.Select(t => t.Number));

        var first = single[0];
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 53, 47, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 11, 27, 9, 53, 47))).AddTicks(3797410), first.StartedAt);
        Assert.Equal(first.StartedAt!.Value.Date, first.CompletedAt!.Value.Date);
        Assert.Equal(4.0, first.InternalParams["c"]);
        Assert.Equal(3L, first.Params["c"]);
        Assert.Equal(2, first.Params["n"]);
        Assert.Equal(new IntDistribution(1, 64, log: true), first.Distributions["n"]);
        Assert.Equal(new FloatDistribution(0, 1, step: 0.25), first.Distributions["q"]);

        var waiting = single[10];
        Assert.Equal(TrialState.Waiting, waiting.State);
        Assert.Null(waiting.StartedAt);
        var fixedParams = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(waiting.SystemAttrs[Trial.FixedParamsKey]);
        Assert.Equal(1.5, fixedParams["x"]);
        Assert.Equal(0.001, fixedParams["lr"]);
    }

    [Fact]
    public void Waiting_trial_of_an_Optuna_journal_is_popped_and_resumed_by_a_study()
    {
        using var dir = new TempDirectory();
        var path = dir.CopyFixture("optuna-3.1.journal.log");

        var study = Study.Load("single", "journal:" + path);
        var trial = study.Ask();
        Assert.Equal(10, trial.Number);
        Assert.Equal(1.5, trial.SuggestFloat("x", -5, 5));
        Assert.Equal(0.001, trial.SuggestFloat("lr", 1e-5, 0.1, log: true));
        study.Tell(trial, 2.0);

        using var reread = new JournalStorage(new JournalFileBackend(path));
        var record = reread.GetAllTrials(0)[10];
        Assert.Equal(TrialState.Complete, record.State);
        Assert.Equal(2.0, record.Value);
        Assert.Equal(1.5, record.Params["x"]);
    }
}
