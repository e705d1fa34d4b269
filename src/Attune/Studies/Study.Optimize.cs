using System.Diagnostics;
using System.Globalization;
using Attune.Diagnostics;
using Attune.Samplers;

namespace Attune;

/// <summary>The optimization loop.</summary>
public sealed partial class Study
{
    /// <summary>Runs trials of a single-objective <paramref name="objective"/> until the budget, timeout or <see cref="Stop"/> ends the run.</summary>
    /// <param name="objective">Suggests parameters on the trial, evaluates them, and returns the value. Throw <see cref="TrialPrunedException"/> to prune.</param>
    /// <param name="options">Budget, timeout, parallelism, exceptions to catch, callbacks; default: run until stopped, one at a time.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <remarks>An exception from the objective fails its trial and, unless its type is in <see cref="OptimizeOptions.Catch"/>, stops the run and is rethrown once running trials end.</remarks>
    public void Optimize(Func<Trial, double> objective, OptimizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        RunSync(trial => [objective(trial)], options);
    }

    /// <summary>Runs trials of a multi-objective <paramref name="objective"/> until the budget, timeout or <see cref="Stop"/> ends the run.</summary>
    /// <param name="objective">Suggests parameters on the trial, evaluates them, and returns one value per direction.</param>
    /// <param name="options">Budget, timeout, parallelism, exceptions to catch, callbacks.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public void Optimize(Func<Trial, double[]> objective, OptimizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        RunSync(objective, options);
    }

    /// <summary>Runs trials of an asynchronous single-objective <paramref name="objective"/>, up to <see cref="OptimizeOptions.Parallelism"/> at once.</summary>
    /// <param name="objective">Suggests parameters, evaluates them and returns the value; receives the run's cancellation token.</param>
    /// <param name="options">Budget, timeout, parallelism, exceptions to catch, callbacks.</param>
    /// <param name="cancellationToken">Stops the run: no new trial starts, and running trials see the token.</param>
    /// <returns>A task that ends with the run.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task OptimizeAsync(Func<Trial, CancellationToken, Task<double>> objective, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(async (trial, ct) => [await objective(trial, ct).ConfigureAwait(false)], options, cancellationToken);
    }

    /// <summary>Runs trials of an asynchronous multi-objective <paramref name="objective"/>, up to <see cref="OptimizeOptions.Parallelism"/> at once.</summary>
    /// <param name="objective">Suggests parameters, evaluates them and returns one value per direction.</param>
    /// <param name="options">Budget, timeout, parallelism, exceptions to catch, callbacks.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>A task that ends with the run.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task OptimizeAsync(Func<Trial, CancellationToken, Task<double[]>> objective, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(async (trial, ct) => await objective(trial, ct).ConfigureAwait(false), options, cancellationToken);
    }

    private void RunSync(Func<Trial, IReadOnlyList<double>> objective, OptimizeOptions? options)
    {
        var run = new OptimizeRun(this, options ?? new OptimizeOptions(), CancellationToken.None);
        stopRequested = false;
        if (run.Parallelism == 1)
        {
            Worker(run, objective);
        }
        else
        {
            var threads = new Thread[run.Parallelism];
            for (var i = 0; i < threads.Length; i++)
            {
                threads[i] = new Thread(() => Worker(run, objective)) { IsBackground = true, Name = $"Attune worker {i}" };
                threads[i].Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }
        }

        run.ThrowIfFailed();
    }

    private async Task RunAsync(Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> objective, OptimizeOptions? options, CancellationToken cancellationToken)
    {
        var run = new OptimizeRun(this, options ?? new OptimizeOptions(), cancellationToken);
        stopRequested = false;
        var workers = new Task[run.Parallelism];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkerAsync(run, objective), CancellationToken.None);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        run.ThrowIfFailed();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Worker(OptimizeRun run, Func<Trial, IReadOnlyList<double>> objective)
    {
        while (run.TryStartTrial())
        {
            if (!TryAsk(run, out var trial))
            {
                return;
            }

            using var activity = StartActivity(trial);
            IReadOnlyList<double>? values = null;
            Exception? error = null;
            try
            {
                values = objective(trial);
            }
            catch (Exception e)
            {
                error = e;
            }

            Conclude(run, trial, values, error, activity);
        }
    }

    private async Task WorkerAsync(OptimizeRun run, Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> objective)
    {
        while (run.TryStartTrial())
        {
            if (!TryAsk(run, out var trial))
            {
                return;
            }

            using var activity = StartActivity(trial);
            IReadOnlyList<double>? values = null;
            Exception? error = null;
            try
            {
                values = await objective(trial, run.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                error = e;
            }

            Conclude(run, trial, values, error, activity);
        }
    }

    private bool TryAsk(OptimizeRun run, out Trial trial)
    {
        try
        {
            trial = Ask();
            return true;
        }
        catch (SearchSpaceExhaustedException)
        {
            Stop();
        }
        catch (Exception e)
        {
            run.Fail(e);
        }

        trial = null!;
        return false;
    }

    private Activity? StartActivity(Trial trial)
    {
        var activity = AttuneTelemetry.Source.StartActivity("attune.trial");
        activity?.SetTag("attune.study", Name);
        activity?.SetTag("attune.trial.number", trial.Number);
        return activity;
    }

    private void Conclude(OptimizeRun run, Trial trial, IReadOnlyList<double>? values, Exception? error, Activity? activity)
    {
        TrialRecord record;
        try
        {
            record = error switch
            {
                null when CheckValues(values!) is { } problem => Finish(trial, TrialState.Fail, null, problem),
                null => Finish(trial, TrialState.Complete, values, null),
                TrialPrunedException => Finish(trial, TrialState.Pruned, null, null),
                OperationCanceledException when run.CancellationToken.IsCancellationRequested =>
                    Finish(trial, TrialState.Fail, null, "The run was cancelled."),
                _ => Finish(trial, TrialState.Fail, null, $"{error.GetType().Name}: {error.Message}"),
            };
        }
        catch (InvalidOperationException e) when (FinishedElsewhere(trial) is { } state)
        {
            // Another worker failed the trial as stale (its heartbeats stopped for too long): not this run's error.
            Log.TrialFinishedElsewhere(Logger, trial.Number, state);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            return;
        }
        catch (Exception e)
        {
            run.Fail(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            return;
        }

        activity?.SetTag("attune.trial.state", AttuneTelemetry.StateName(record.State));
        if (record.State == TrialState.Fail)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error?.Message);
        }

        if (error is not null and not TrialPrunedException && !run.IsCaught(error))
        {
            run.Fail(error);
        }

        try
        {
            foreach (var callback in run.Options.Callbacks)
            {
                callback(this, record);
            }

            run.Report(record);
        }
        catch (Exception e)
        {
            run.Fail(e);
        }
    }

    /// <summary>The trial's state when storage holds it as finished (by another worker), else <see langword="null"/>.</summary>
    private TrialState? FinishedElsewhere(Trial trial)
    {
        try
        {
            var state = StorageBackend.GetTrial(trial.TrialId).State;
            return state.IsFinished() ? state : null;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The shared state of one optimization run's workers.</summary>
    private sealed class OptimizeRun
    {
        private readonly Study study;
        private readonly long startTimestamp;
        private readonly Lock gate = new();
        private int started;
        private int finished;
        private Exception? failure;

        public OptimizeRun(Study study, OptimizeOptions options, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (options.Trials is < 0)
            {
                throw new ArgumentException($"Trials must be >= 0, but got {options.Trials}.", nameof(options));
            }

            if (options.Timeout is { } t && t <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Timeout must be positive, but got {t}.", nameof(options));
            }

            if (options.Parallelism is 0 or < -1)
            {
                throw new ArgumentException($"Parallelism must be -1 (one per processor) or >= 1, but got {options.Parallelism}.", nameof(options));
            }

            foreach (var type in options.Catch)
            {
                if (type is null || !typeof(Exception).IsAssignableFrom(type))
                {
                    throw new ArgumentException($"Catch may hold only exception types, but holds {type?.Name ?? "null"}.", nameof(options));
                }
            }

            this.study = study;
            Options = options;
            CancellationToken = cancellationToken;
            Parallelism = options.Parallelism == -1 ? Environment.ProcessorCount : options.Parallelism;
            startTimestamp = study.Time.GetTimestamp();
        }

        public OptimizeOptions Options { get; }

        public CancellationToken CancellationToken { get; }

        public int Parallelism { get; }

        public bool TryStartTrial()
        {
            lock (gate)
            {
                if (failure is not null || study.stopRequested || CancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                if (Options.Trials is { } budget && started >= budget)
                {
                    return false;
                }

                if (Options.Timeout is { } timeout && study.Time.GetElapsedTime(startTimestamp) >= timeout)
                {
                    return false;
                }

                started++;
                return true;
            }
        }

        public bool IsCaught(Exception error)
        {
            foreach (var type in Options.Catch)
            {
                if (type.IsInstanceOfType(error))
                {
                    return true;
                }
            }

            return false;
        }

        public void Fail(Exception error)
        {
            lock (gate)
            {
                failure ??= error;
            }
        }

        public void ThrowIfFailed()
        {
            if (failure is { } e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
            }
        }

        public void Report(TrialRecord record)
        {
            if (!Options.ShowProgress && Options.Progress is null)
            {
                return;
            }

            int done;
            lock (gate)
            {
                done = ++finished;
            }

            var elapsed = study.Time.GetElapsedTime(startTimestamp);
            TimeSpan? remaining = null;
            if (Options.Trials is { } budget && done > 0)
            {
                remaining = elapsed / done * Math.Max(0, budget - done);
            }

            if (Options.Timeout is { } timeout)
            {
                var left = timeout - elapsed;
                left = left < TimeSpan.Zero ? TimeSpan.Zero : left;
                remaining = remaining is { } r && r < left ? r : left;
            }

            double? best = null;
            if (study.Directions.Count == 1 && FindBest(study.Trials, study.Directions[0]) is { } bestTrial)
            {
                best = bestTrial.Value;
            }

            var progress = new OptimizeProgress(record, done, Options.Trials, best, elapsed, remaining);
            Options.Progress?.Report(progress);
            if (Options.ShowProgress)
            {
                Log.Progress(
                    study.Logger,
                    done,
                    Options.Trials?.ToString(CultureInfo.InvariantCulture) ?? "?",
                    best?.ToString("G6", CultureInfo.InvariantCulture) ?? "-",
                    elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
                    remaining?.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) ?? "?");
            }
        }
    }
}
