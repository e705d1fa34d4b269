using System.Collections.Concurrent;
using Attune.Samplers;
using Attune.Storage.Journal;

namespace Attune.Tests.Storage.Journal;

/// <summary>Threads and storage instances sharing one journal file in one process.</summary>
public sealed class JournalConcurrencyTests
{
    private static readonly JournalFileBackendOptions Fast = new() { Durable = false };

    [Fact]
    public void Many_threads_on_one_storage_get_distinct_numbers_and_lose_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("threads.journal");
        using (var storage = new JournalStorage(new JournalFileBackend(path, Fast)))
        {
            var study = Study.Create(new StudyOptions { Name = "s", StorageInstance = storage, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 1 }) });
            study.Optimize(t => t.SuggestFloat("x", -1, 1) + t.SuggestInt("k", 0, 9), new OptimizeOptions { Trials = 240, Parallelism = 6 });
        }

        AssertTrials(path, 240);
    }

    [Fact]
    public void Two_storages_on_one_file_in_one_process_get_distinct_numbers_and_lose_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("two.journal");
        using var first = new JournalStorage(new JournalFileBackend(path, Fast));
        using var second = new JournalStorage(new JournalFileBackend(path, Fast));
        var a = Study.Create(new StudyOptions { Name = "s", StorageInstance = first, LoadIfExists = true });
        var b = Study.Create(new StudyOptions { Name = "s", StorageInstance = second, LoadIfExists = true });

        Parallel.Invoke(
            () => a.Optimize(t => t.SuggestFloat("x", -1, 1), new OptimizeOptions { Trials = 120, Parallelism = 2 }),
            () => b.Optimize(t => t.SuggestFloat("x", -1, 1), new OptimizeOptions { Trials = 120, Parallelism = 2 }));

        AssertTrials(path, 240);
        Assert.Equal(240, a.Trials.Count);
        Assert.Equal(a.Trials.Select(t => t.Value), b.Trials.Select(t => t.Value));
    }

    [Fact]
    public void Each_enqueued_trial_is_popped_by_exactly_one_of_several_concurrent_workers()
    {
        using var dir = new TempDirectory();
        var path = dir.File("queue.journal");
        const int Workers = 5;
        var storages = Enumerable.Range(0, Workers).Select(_ => new JournalStorage(new JournalFileBackend(path, Fast))).ToArray();
        try
        {
            var studyId = storages[0].CreateStudy("q", [StudyDirection.Minimize]);
            for (var round = 0; round < 8; round++)
            {
                var enqueued = storages[0].CreateTrial(studyId, new TrialRecord { State = TrialState.Waiting });
                using var start = new Barrier(Workers);
                var popped = new ConcurrentBag<TrialRecord>();
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
                Assert.Equal(TrialState.Running, winner.State);
            }

            using var reader = new JournalStorage(new JournalFileBackend(path));
            Assert.All(reader.GetAllTrials(studyId), t => Assert.Equal(TrialState.Running, t.State));

            // Exactly one RUNNING line per enqueued trial: losers appended nothing.
            Assert.Equal(8, File.ReadAllLines(path).Count(l => l.Contains("\"op_code\": 6", StringComparison.Ordinal)));
        }
        finally
        {
            foreach (var storage in storages)
            {
                storage.Dispose();
            }
        }
    }

    [Fact]
    public void The_oldest_still_waiting_trial_is_popped_first()
    {
        using var dir = new TempDirectory();
        var path = dir.File("order.journal");
        using var storage = new JournalStorage(new JournalFileBackend(path, Fast));
        var studyId = storage.CreateStudy("q", [StudyDirection.Minimize]);
        var w0 = storage.CreateTrial(studyId, new TrialRecord { State = TrialState.Waiting });
        storage.CreateTrial(studyId);
        var w2 = storage.CreateTrial(studyId, new TrialRecord { State = TrialState.Waiting });
        var w3 = storage.CreateTrial(studyId, new TrialRecord { State = TrialState.Waiting });
        Assert.True(storage.SetTrialStateValues(w2.TrialId, TrialState.Running, null));

        Assert.Equal(w0.TrialId, storage.PopWaitingTrial(studyId)!.TrialId);
        Assert.Equal(w3.TrialId, storage.PopWaitingTrial(studyId)!.TrialId);
        Assert.Null(storage.PopWaitingTrial(studyId));
    }

    internal static void AssertTrials(string path, int count)
    {
        using var reader = new JournalStorage(new JournalFileBackend(path));
        var studyId = reader.FindStudy("s")!.Value;
        var trials = reader.GetAllTrials(studyId);
        Assert.Equal(count, trials.Count);
        Assert.Equal(Enumerable.Range(0, count), trials.Select(t => t.Number).Order());
        Assert.Equal(count, trials.Select(t => t.TrialId).Distinct().Count());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }
}
