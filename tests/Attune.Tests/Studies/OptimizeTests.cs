using System.Collections.Concurrent;
using Attune.Samplers;
using Microsoft.Extensions.Time.Testing;

namespace Attune.Tests.Studies;

public class OptimizeTests
{
    private static Study NewStudy(int seed = 1, TimeProvider? time = null) =>
        Study.Create(new StudyOptions { Sampler = new RandomSampler(new RandomSamplerOptions { Seed = seed }), TimeProvider = time });

    private static double Quadratic(Trial t)
    {
        var x = t.SuggestFloat("x", -10, 10);
        var y = t.SuggestInt("y", -5, 5);
        return (x * x) + (y * y);
    }

    [Fact]
    public void Runs_the_trial_budget_and_finds_a_good_region()
    {
        var study = NewStudy();
        study.Optimize(Quadratic, new OptimizeOptions { Trials = 200 });
        Assert.Equal(200, study.Trials.Count);
        // Random search over 200 points: the best of x^2 + y^2 is small with near certainty.
        Assert.True(study.BestValue < 2.0, $"best {study.BestValue}");
    }

    [Fact]
    public void A_seeded_run_gives_the_same_trials_with_one_or_eight_workers()
    {
        var serial = NewStudy(seed: 5);
        serial.Optimize(Quadratic, new OptimizeOptions { Trials = 64 });
        var parallel = NewStudy(seed: 5);
        parallel.Optimize(Quadratic, new OptimizeOptions { Trials = 64, Parallelism = 8 });
        Assert.Equal(64, parallel.Trials.Count);
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(serial.Trials[i].Params["x"], parallel.Trials[i].Params["x"]);
            Assert.Equal(serial.Trials[i].Value, parallel.Trials[i].Value);
        }

        var otherSeed = NewStudy(seed: 6);
        otherSeed.Optimize(Quadratic, new OptimizeOptions { Trials = 5 });
        Assert.NotEqual(serial.Trials[0].Params["x"], otherSeed.Trials[0].Params["x"]);
    }

    [Fact]
    public void Parallel_workers_run_concurrently_without_losing_trials()
    {
        var study = NewStudy();
        var concurrent = 0;
        var maxConcurrent = 0;
        study.Optimize(
            t =>
            {
                var now = Interlocked.Increment(ref concurrent);
                InterlockedMax(ref maxConcurrent, now);
                Thread.Sleep(5);
                Interlocked.Decrement(ref concurrent);
                return Quadratic(t);
            },
            new OptimizeOptions { Trials = 40, Parallelism = 4 });
        Assert.Equal(40, study.Trials.Count);
        Assert.Equal(40, study.Trials.Select(t => t.Number).Distinct().Count());
        Assert.True(maxConcurrent > 1, "workers never overlapped");
        Assert.True(maxConcurrent <= 4);
    }

    [Fact]
    public void An_exception_fails_the_trial_records_it_and_stops_the_study()
    {
        var study = NewStudy();
        var e = Assert.Throws<InvalidDataException>(() => study.Optimize(
            t => t.Number == 3 ? throw new InvalidDataException("bad batch") : Quadratic(t),
            new OptimizeOptions { Trials = 10 }));
        Assert.Equal("bad batch", e.Message);
        Assert.Equal(4, study.Trials.Count);
        var failed = study.Trials[3];
        Assert.Equal(TrialState.Fail, failed.State);
        Assert.Contains("bad batch", (string)failed.SystemAttrs[Study.FailReasonKey]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Caught_exception_types_fail_the_trial_and_the_study_goes_on()
    {
        var study = NewStudy();
        study.Optimize(
            t => t.Number % 3 == 0 ? throw new FileNotFoundException("missing") : Quadratic(t),
            new OptimizeOptions { Trials = 9, Catch = [typeof(IOException)] });
        Assert.Equal(9, study.Trials.Count);
        Assert.Equal(3, study.GetTrials(TrialState.Fail).Count);
        Assert.Equal(6, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void A_nan_objective_fails_that_trial_only()
    {
        var study = NewStudy();
        study.Optimize(t => t.Number == 1 ? double.NaN : Quadratic(t), new OptimizeOptions { Trials = 4 });
        Assert.Equal(TrialState.Fail, study.Trials[1].State);
        Assert.Equal(3, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void Pruned_trials_are_recorded_as_pruned_with_their_last_value()
    {
        var study = NewStudy();
        study.Optimize(
            t =>
            {
                t.Report(10 - t.Number, 0);
                if (t.Number % 2 == 1)
                {
                    throw new TrialPrunedException();
                }

                return t.Number;
            },
            new OptimizeOptions { Trials = 6 });
        var pruned = study.GetTrials(TrialState.Pruned);
        Assert.Equal(3, pruned.Count);
        Assert.Equal(9.0, pruned[0].Value);
    }

    [Fact]
    public void Callbacks_see_every_finished_trial_and_can_stop_the_study()
    {
        var study = NewStudy();
        var seen = new ConcurrentBag<int>();
        study.Optimize(
            Quadratic,
            new OptimizeOptions
            {
                Trials = 100,
                Callbacks =
                [
                    (s, t) => seen.Add(t.Number),
                    (s, t) =>
                    {
                        if (t.Number == 9)
                        {
                            s.Stop();
                        }
                    },
                ],
            });
        Assert.Equal(10, study.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 10), seen.Order());

        // Stop holds for one run only: the next run starts fresh.
        study.Optimize(Quadratic, new OptimizeOptions { Trials = 3 });
        Assert.Equal(13, study.Trials.Count);
    }

    [Fact]
    public void Timeout_stops_starting_trials()
    {
        var time = new FakeTimeProvider();
        var study = NewStudy(time: time);
        study.Optimize(
            t =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return Quadratic(t);
            },
            new OptimizeOptions { Timeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(5, study.Trials.Count);
    }

    [Fact]
    public void Progress_reports_every_trial_with_an_estimate()
    {
        var study = NewStudy();
        var reports = new List<OptimizeProgress>();
        study.Optimize(Quadratic, new OptimizeOptions { Trials = 5, Progress = new SyncProgress(reports.Add), ShowProgress = true });
        Assert.Equal([1, 2, 3, 4, 5], reports.Select(r => r.TrialsFinished));
        Assert.All(reports, r => Assert.Equal(5, r.TrialsPlanned));
        Assert.Equal(study.BestValue, reports[^1].BestValue);
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        var study = NewStudy();
        Assert.Throws<ArgumentException>(() => study.Optimize(Quadratic, new OptimizeOptions { Trials = -1 }));
        Assert.Throws<ArgumentException>(() => study.Optimize(Quadratic, new OptimizeOptions { Parallelism = 0 }));
        Assert.Throws<ArgumentException>(() => study.Optimize(Quadratic, new OptimizeOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => study.Optimize(Quadratic, new OptimizeOptions { Catch = [typeof(string)] }));
        Assert.Empty(study.Trials);
    }

    [Fact]
    public void Multi_objective_optimize_records_all_values()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 2 }) });
        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", 0, 1);
                return [x, 1 - x];
            },
            new OptimizeOptions { Trials = 20 });
        Assert.All(study.Trials, t => Assert.Equal(2, t.Values!.Count));
        // Every trial lies on the front x + y = 1.
        Assert.Equal(20, study.BestTrials.Count);
    }

    [Fact]
    public async Task OptimizeAsync_runs_concurrent_tasks()
    {
        var study = NewStudy();
        await study.OptimizeAsync(
            async (t, ct) =>
            {
                await Task.Delay(1, ct);
                return Quadratic(t);
            },
            new OptimizeOptions { Trials = 30, Parallelism = 4 });
        Assert.Equal(30, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public async Task Cancelling_OptimizeAsync_fails_running_trials_and_throws()
    {
        var study = NewStudy();
        using var cts = new CancellationTokenSource();
        var task = study.OptimizeAsync(
            async (t, ct) =>
            {
                if (t.Number == 4)
                {
                    await cts.CancelAsync();
                }

                await Task.Delay(t.Number == 4 ? Timeout.Infinite : 0, ct);
                return Quadratic(t);
            },
            cancellationToken: cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(5, study.Trials.Count);
        Assert.Equal(TrialState.Fail, study.Trials[4].State);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Running);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = target;
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class SyncProgress(Action<OptimizeProgress> report) : IProgress<OptimizeProgress>
    {
        public void Report(OptimizeProgress value) => report(value);
    }
}
