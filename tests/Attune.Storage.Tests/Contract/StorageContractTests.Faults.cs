using System.Diagnostics;
using Attune.Samplers;

namespace Attune.Storage.Tests.Contract;

/// <summary>Heartbeats, dead workers, worker processes and dropped connections.</summary>
public abstract partial class StorageContractTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void Trials_whose_heartbeat_stopped_are_failed_once_and_retried()
    {
        if (Target is null)
        {
            return;
        }

        var storage = Target.Open();
        var studyId = storage.CreateStudy("h", [StudyDirection.Minimize]);
        var abandoned = storage.CreateTrial(studyId);
        storage.SetTrialParam(abandoned.TrialId, "x", 0.5, new FloatDistribution(0, 1));
        storage.SetTrialIntermediateValue(abandoned.TrialId, 0, 2.0);
        storage.RecordHeartbeat(abandoned.TrialId);
        var silent = storage.CreateTrial(studyId);
        var finished = storage.CreateTrial(studyId);
        storage.RecordHeartbeat(finished.TrialId);
        storage.SetTrialStateValues(finished.TrialId, TrialState.Complete, [1.0]);
        storage.RecordHeartbeat(finished.TrialId);
        Assert.Empty(storage.GetStaleTrialIds(studyId, TimeSpan.FromSeconds(30)));

        Thread.Sleep(1600);
        Assert.Equal([abandoned.TrialId], Target.Open().GetStaleTrialIds(studyId, TimeSpan.FromSeconds(1)));

        // Two workers notice it at once: one fails it and retries it.
        var retried = new System.Collections.Concurrent.ConcurrentBag<TrialRecord>();
        var workers = Enumerable.Range(0, 2).Select(_ => Study.Create(new StudyOptions
        {
            Name = "h",
            StorageInstance = Target.Open(),
            LoadIfExists = true,
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            GracePeriod = TimeSpan.FromSeconds(1),
            FailedTrialCallback = (study, trial) =>
            {
                retried.Add(trial);
                new RetryFailedTrialCallback(maxRetry: 1, inheritIntermediateValues: true).Invoke(study, trial);
            },
        })).ToArray();
        var asked = new Trial[2];
        Parallel.For(0, 2, i => asked[i] = workers[i].Ask());

        var failed = Assert.Single(retried);
        Assert.Equal(abandoned.TrialId, failed.TrialId);
        var trials = Target.Open().GetAllTrials(studyId);
        Assert.Equal(TrialState.Fail, trials[abandoned.Number].State);
        Assert.Equal(Study.StaleTrialFailReason, trials[abandoned.Number].SystemAttrs[Study.FailReasonKey]);
        Assert.Equal(TrialState.Running, trials[silent.Number].State);

        // The retry was enqueued and taken by one of the two asks (the other created a fresh trial).
        var retry = asked.Select(t => Target.Open().GetTrial(t.TrialId)).Single(t => RetryFailedTrialCallback.RetriedTrialNumber(t) is not null);
        Assert.Equal(abandoned.Number, RetryFailedTrialCallback.RetriedTrialNumber(retry));
        Assert.Equal([abandoned.Number], RetryFailedTrialCallback.RetryHistory(retry));
        Assert.Equal(0.5, retry.Params["x"]);
        Assert.Equal(2.0, retry.IntermediateValues[0]);

        // The asked trials beat while they run, so they are not stale: without beats their last sign of
        // life (the ask) would be 3.5 s old, beyond a 3 s window; with beats every 0.5 s it is recent even
        // on a loaded machine.
        Thread.Sleep(3500);
        Assert.Empty(Target.Open().GetStaleTrialIds(studyId, TimeSpan.FromSeconds(3)));
        foreach (var (worker, trial) in workers.Zip(asked))
        {
            worker.Tell(trial, 1.0);
        }
    }

    [Fact]
    public async Task Eight_worker_processes_run_400_trials_with_distinct_numbers_and_each_enqueued_trial_once()
    {
        if (Target?.Url is not { } url)
        {
            return;
        }

        var storage = Target.Open();
        var study = Study.Create(new StudyOptions { Name = "p", StorageInstance = storage });
        for (var i = 0; i < 8; i++)
        {
            study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = i + 0.5, ["k"] = i });
        }

        using var dir = new TempDirectory();
        var go = dir.File("go");
        var workers = Enumerable.Range(0, 8).Select(_ => WorkerProcess.Run(url, "p", 50, go)).ToList();
        try
        {
            foreach (var worker in workers)
            {
                Assert.Equal("ready", await worker.FirstLine(ProcessTimeout));
            }

            await File.WriteAllTextAsync(go, string.Empty);
            var started = Stopwatch.GetTimestamp();
            var numbers = new List<int>();
            foreach (var worker in workers)
            {
                numbers.AddRange(await worker.Numbers(ProcessTimeout));
            }

            Output.WriteLine($"8 processes ran 400 trials in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s.");
            Assert.Equal(Enumerable.Range(0, 400), numbers.Order());
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }

        var trials = Target.Open().GetAllTrials(study.StudyId);
        Assert.Equal(400, trials.Count);
        Assert.Equal(Enumerable.Range(0, 400), trials.Select(t => t.Number));
        Assert.Equal(400, trials.Select(t => t.TrialId).Distinct().Count());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));

        // The 8 enqueued trials ran once each, with their fixed parameters.
        var enqueued = trials.Where(t => t.SystemAttrs.ContainsKey(Trial.FixedParamsKey)).ToList();
        Assert.Equal(Enumerable.Range(0, 8), enqueued.Select(t => t.Number));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i + 0.5), enqueued.Select(t => (double)t.Params["x"]!));
    }

    [Fact]
    public async Task A_worker_killed_mid_trial_has_its_trial_failed_within_the_grace_period_and_rerun()
    {
        if (Target?.Url is not { } url)
        {
            return;
        }

        using var hanging = WorkerProcess.Run(url, "k", 0, heartbeatSeconds: 0.5, hang: true);
        var line = await hanging.FirstLine(ProcessTimeout);
        Assert.StartsWith("running ", line, StringComparison.Ordinal);
        var number = int.Parse(line["running ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Thread.Sleep(1200);
        var storage = Target.Open();
        var studyId = storage.FindStudy("k")!.Value;
        Assert.Empty(storage.GetStaleTrialIds(studyId, TimeSpan.FromSeconds(1.5)));

        hanging.KillHard();
        var killedAt = Stopwatch.GetTimestamp();
        var study = Study.Create(new StudyOptions
        {
            Name = "k",
            StorageInstance = storage,
            LoadIfExists = true,
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            GracePeriod = TimeSpan.FromSeconds(1.5),
            FailedTrialCallback = new RetryFailedTrialCallback(maxRetry: 2).Invoke,
        });
        while (study.FailStaleTrials().Count == 0)
        {
            Assert.True(Stopwatch.GetElapsedTime(killedAt) < TimeSpan.FromSeconds(20), "The killed worker's trial was never found stale.");
            Thread.Sleep(100);
        }

        var detectedAfter = Stopwatch.GetElapsedTime(killedAt);
        Output.WriteLine($"The killed worker's trial was failed {detectedAfter.TotalSeconds:0.00} s after the kill.");
        Assert.True(detectedAfter < TimeSpan.FromSeconds(1.5 + 2), $"Failed only after {detectedAfter}.");

        study.Optimize(t => t.SuggestFloat("x", -10, 10), new OptimizeOptions { Trials = 1 });
        var trials = Target.Open().GetAllTrials(studyId);
        Assert.Equal(TrialState.Fail, trials[number].State);
        var rerun = Assert.Single(trials, t => RetryFailedTrialCallback.RetriedTrialNumber(t) == number);
        Assert.Equal(TrialState.Complete, rerun.State);
        Assert.Equal(trials[number].Params["x"], rerun.Params["x"]);
    }

    [Fact]
    public async Task Dropped_connections_are_retried_and_nothing_is_lost_or_duplicated()
    {
        if (Target is null || !Target.HasConnections)
        {
            return;
        }

        var study = Study.Create(new StudyOptions { Name = "d", StorageInstance = Target.Open(), Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }) });
        using var stop = new CancellationTokenSource();
        var kills = 0;

        // A thread of its own: on a small machine the workers can hold every pool thread until the study ends.
        var killer = Task.Factory.StartNew(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Thread.Sleep(40);
                    Interlocked.Add(ref kills, Target.KillConnections());
                }
            },
            TaskCreationOptions.LongRunning);

        study.Optimize(
            t =>
            {
                t.Report(1.0, 0);
                if (t.Number == 30)
                {
                    // A fast run could end before the first kill: this trial waits for one (the others go on).
                    SpinWait.SpinUntil(() => Volatile.Read(ref kills) > 0, TimeSpan.FromSeconds(30));
                }

                return t.SuggestFloat("x", -1, 1) + t.SuggestInt("k", 0, 3);
            },
            new OptimizeOptions { Trials = 150, Parallelism = 3 });
        await stop.CancelAsync();
        await killer;
        Output.WriteLine($"{kills} connections were killed during the run.");

        var trials = Target.Open().GetAllTrials(study.StudyId);
        Assert.True(kills > 0, "No connection was killed; the test proves nothing.");
        Assert.Equal(150, trials.Count);
        Assert.Equal(Enumerable.Range(0, 150), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(2, t.Params.Count));
    }
}
