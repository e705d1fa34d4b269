using System.Globalization;

namespace Attune.Cli;

/// <summary>
/// Shows the progress of <c>attune run</c> on standard error: on a terminal, a status line redrawn in place
/// (trials done, states, best value, elapsed time, estimated time left) with a line for each new best; otherwise
/// one line per finished trial. Thread-safe (trials finish on many workers).
/// </summary>
internal sealed class RunProgress : IProgress<OptimizeProgress>, IDisposable
{
    private readonly Lock gate = new();
    private readonly TextWriter log;
    private readonly bool terminal;
    private readonly bool quiet;
    private readonly TimeProvider time;
    private readonly long start;
    private readonly ITimer? ticker;
    private OptimizeProgress? last;
    private int complete;
    private int pruned;
    private int failed;
    private double? best;
    private int? bestNumber;
    private bool statusShown;

    public RunProgress(TextWriter log, bool terminal, bool quiet, TimeProvider time)
    {
        this.log = log;
        this.terminal = terminal && !quiet;
        this.quiet = quiet;
        this.time = time;
        start = time.GetTimestamp();
        if (this.terminal)
        {
            ticker = time.CreateTimer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    public int Complete => Volatile.Read(ref complete);

    public int Pruned => Volatile.Read(ref pruned);

    public int Failed => Volatile.Read(ref failed);

    public void Report(OptimizeProgress value)
    {
        lock (gate)
        {
            last = value;
            var trial = value.Trial;
            switch (trial.State)
            {
                case TrialState.Complete:
                    complete++;
                    break;
                case TrialState.Pruned:
                    pruned++;
                    break;
                default:
                    failed++;
                    break;
            }

            var newBest = value.BestValue is { } b && best != b && trial.State == TrialState.Complete && trial.Value == b;
            best = value.BestValue;
            if (newBest)
            {
                bestNumber = trial.Number;
            }

            if (quiet)
            {
                return;
            }

            if (!terminal)
            {
                log.WriteLine(Describe(trial, value));
                return;
            }

            if (newBest || trial.State == TrialState.Fail)
            {
                ClearStatus();
                log.WriteLine(Describe(trial, value));
            }

            DrawStatus();
        }
    }

    /// <summary>Clears the status line and prints the run's summary.</summary>
    public void Finish(int studyTrials)
    {
        ticker?.Dispose();
        lock (gate)
        {
            ClearStatus();
            if (quiet)
            {
                return;
            }

            var elapsed = DurationParser.Format(time.GetElapsedTime(start));
            var done = complete + pruned + failed;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Finished {done} trials in {elapsed} ({complete} complete, {pruned} pruned, {failed} failed); the study has {studyTrials} trials.{(best is { } b ? $" Best value {CellText.FormatNumber(b)}" + (bestNumber is { } n ? $" (trial {n})." : ".") : string.Empty)}"));
        }
    }

    public void Dispose() => ticker?.Dispose();

    private static string Describe(TrialRecord trial, OptimizeProgress progress)
    {
        var number = trial.Number.ToString(CultureInfo.InvariantCulture);
        var parameters = string.Join(", ", trial.Params.Select(p => $"{p.Key}={TrialProcess.ArgumentText(p.Value)}"));
        return trial.State switch
        {
            TrialState.Complete => $"trial {number} complete: {string.Join(", ", trial.Values!.Select(CellText.FormatNumber))} [{parameters}]" +
                (progress.BestValue is { } b ? $" best {CellText.FormatNumber(b)}" : string.Empty),
            TrialState.Pruned => $"trial {number} pruned at step {trial.LastStep?.ToString(CultureInfo.InvariantCulture) ?? "-"} [{parameters}]",
            _ => $"trial {number} failed: {trial.SystemAttrs.GetValueOrDefault(Study.FailReasonKey) ?? "unknown reason"} [{parameters}]",
        };
    }

    private void Redraw()
    {
        lock (gate)
        {
            DrawStatus();
        }
    }

    private void DrawStatus()
    {
        if (!terminal)
        {
            return;
        }

        var elapsed = time.GetElapsedTime(start);
        var done = complete + pruned + failed;
        var planned = last?.TrialsPlanned is { } p ? "/" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var eta = last?.Remaining is { } r ? DurationParser.Format(r) : "?";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{done}{planned}] {complete} complete, {pruned} pruned, {failed} failed | best {(best is { } b ? CellText.FormatNumber(b) : "-")}{(bestNumber is { } n ? $" (trial {n})" : string.Empty)} | {DurationParser.Format(elapsed)} elapsed | ETA {eta}");
        log.Write("\r\u001b[2K" + line);
        log.Flush();
        statusShown = true;
    }

    private void ClearStatus()
    {
        if (statusShown)
        {
            log.Write("\r\u001b[2K");
            statusShown = false;
        }
    }
}
