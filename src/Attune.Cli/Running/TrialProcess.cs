using System.Diagnostics;
using System.Globalization;

namespace Attune.Cli;

/// <summary>
/// Runs one trial of <c>attune run</c>: suggests the parameters, starts the program with them as arguments and in
/// <c>ATTUNE_PARAMS</c>, reads its output (reporting intermediate values and asking the pruner after each), and
/// kills the program's whole process tree when the trial is pruned, times out or the run is interrupted.
/// </summary>
internal static class TrialProcess
{
    private const int StderrTailLines = 20;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The trial's values.</summary>
    /// <exception cref="TrialPrunedException">The pruner stopped the trial.</exception>
    /// <exception cref="TrialCommandException">The program failed, timed out, or printed no result.</exception>
    /// <exception cref="OperationCanceledException">The run was interrupted.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<double[]> RunAsync(Trial trial, RunSettings settings, CancellationToken cancellationToken)
    {
        var parameters = new OrderedRow();
        foreach (var (name, distribution) in settings.Space.Parameters)
        {
            var value = trial.Suggest(name, distribution);
            parameters.Add(name, value is int i ? (long)i : value);
        }

        using var process = new Process { StartInfo = StartInfo(trial, settings, parameters) };
        process.Start();
        var objectives = trial.Study.Directions.Count;
        var parser = new TrialOutputParser(objectives);
        var tail = new Queue<string>();
        var state = new RunState();
        var prefix = $"[trial {trial.Number.ToString(CultureInfo.InvariantCulture)}] ";
        using var timeout = settings.TrialTimeout is { } t ? new CancellationTokenSource(t, settings.Time) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var registration = stop.Token.Register(() => Kill(process));

        var stdout = Task.Run(
            async () =>
            {
                while (await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
                {
                    if (settings.ShowOutput)
                    {
                        settings.Log.WriteLine(prefix + line);
                    }

                    if (state.Stopped)
                    {
                        continue;
                    }

                    try
                    {
                        if (parser.Feed(line) is { } report && objectives == 1)
                        {
                            trial.Report(report.Value, report.Step);
                            if (trial.ShouldPrune())
                            {
                                state.Pruned = report.Step;
                                Kill(process);
                            }
                        }
                    }
                    catch (FormatException e)
                    {
                        state.Problem = e.Message;
                        Kill(process);
                    }
                }
            },
            CancellationToken.None);
        var stderr = Task.Run(
            async () =>
            {
                while (await process.StandardError.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
                {
                    if (settings.ShowOutput)
                    {
                        settings.Log.WriteLine(prefix + line);
                    }

                    lock (tail)
                    {
                        tail.Enqueue(line);
                        if (tail.Count > StderrTailLines)
                        {
                            tail.Dequeue();
                        }
                    }
                }
            },
            CancellationToken.None);

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        // A grandchild that escaped the kill could hold the pipes open: stop waiting for them after a moment.
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainTimeout, CancellationToken.None)).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        if (state.Pruned is { } step)
        {
            throw new TrialPrunedException($"Pruned at step {step.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (timeout.IsCancellationRequested)
        {
            throw new TrialCommandException($"timed out after {settings.TrialTimeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was killed.");
        }

        if (state.Problem is { } problem)
        {
            throw new TrialCommandException(problem);
        }

        if (process.ExitCode != 0)
        {
            string last;
            lock (tail)
            {
                last = string.Join(" | ", tail.TakeLast(3));
            }

            throw new TrialCommandException($"exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}{(last.Length > 0 ? ": " + last : ".")}");
        }

        return parser.Values is { } values
            ? [.. values]
            : throw new TrialCommandException(objectives == 1
                ? "printed no number on standard output (print the result as the last number, or a line {\"value\": v})."
                : $"printed fewer than {objectives} numbers on standard output (print a line {{\"values\": [...]}}).");
    }

    private static ProcessStartInfo StartInfo(Trial trial, RunSettings settings, OrderedRow parameters)
    {
        var info = new ProcessStartInfo(settings.Command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in settings.Command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in parameters)
        {
            info.ArgumentList.Add("--" + name);
            info.ArgumentList.Add(ArgumentText(value));
        }

        info.Environment["ATTUNE_PARAMS"] = CellText.Json(parameters);
        info.Environment["ATTUNE_TRIAL_NUMBER"] = trial.Number.ToString(CultureInfo.InvariantCulture);
        info.Environment["ATTUNE_STUDY_NAME"] = trial.Study.Name;
        return info;
    }

    /// <summary>A parameter value as an argument: numbers invariantly, booleans as true/false, null as null.</summary>
    public static string ArgumentText(object? value) => value switch
    {
        null => "null",
        string s => s,
        _ => CellText.Format(value),
    };

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting while being killed.
        }
    }

    /// <summary>What the output reader decided, read after the program exits.</summary>
    private sealed class RunState
    {
        private long pruned = -1;
        private string? problem;

        public long? Pruned
        {
            get => Interlocked.Read(ref pruned) is var p && p >= 0 ? p : null;
            set => Interlocked.Exchange(ref pruned, value ?? -1);
        }

        public string? Problem
        {
            get => Volatile.Read(ref problem);
            set => Volatile.Write(ref problem, value);
        }

        public bool Stopped => Pruned is not null || Problem is not null;
    }
}
