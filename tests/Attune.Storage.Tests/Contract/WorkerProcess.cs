using System.Diagnostics;
using System.Globalization;

namespace Attune.Storage.Tests.Contract;

/// <summary>A tests/Attune.StorageWorker process: runs trials of a study at a storage URL.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> errors;
    private readonly TaskCompletionSource<string> firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<string> rest;

    private WorkerProcess(IEnumerable<string> arguments)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "Attune.StorageWorker.dll");
        Assert.True(File.Exists(worker), $"{worker} is missing; the test project references tests/Attune.StorageWorker to build it.");
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(worker);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start)!;
        errors = process.StandardError.ReadToEndAsync();
        rest = Task.Run(async () =>
        {
            var line = await process.StandardOutput.ReadLineAsync();
            firstLine.TrySetResult(line ?? string.Empty);
            return await process.StandardOutput.ReadToEndAsync();
        });
    }

    /// <summary>Starts a worker that runs <paramref name="trials"/> trials (after <paramref name="go"/> exists, when given).</summary>
    public static WorkerProcess Run(string url, string study, int trials, string? go = null, double? heartbeatSeconds = null, bool hang = false)
    {
        var arguments = new List<string> { url, study, trials.ToString(CultureInfo.InvariantCulture) };
        if (go is not null)
        {
            arguments.AddRange(["--go", go]);
        }

        if (heartbeatSeconds is { } h)
        {
            arguments.AddRange(["--heartbeat", h.ToString(CultureInfo.InvariantCulture)]);
        }

        if (hang)
        {
            arguments.Add("--hang");
        }

        return new WorkerProcess(arguments);
    }

    public int Id => process.Id;

    /// <summary>The first line the worker printed ("ready", or "running N" for a hanging worker).</summary>
    public async Task<string> FirstLine(TimeSpan timeout)
    {
        var done = await Task.WhenAny(firstLine.Task, Task.Delay(timeout));
        if (done != firstLine.Task)
        {
            throw new TimeoutException($"The worker printed nothing in {timeout}: {(process.HasExited ? await errors : "(still running)")}");
        }

        return await firstLine.Task;
    }

    /// <summary>Waits for the worker to end and returns the trial numbers it printed.</summary>
    public async Task<IReadOnlyList<int>> Numbers(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The worker did not finish in {timeout}.");
        }

        var output = await rest;
        var first = await firstLine.Task;
        Assert.True(process.ExitCode == 0, $"worker exited with {process.ExitCode}: {await errors}");
        var text = first == "ready" ? output : first + " " + output;
        return [.. text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
    }

    /// <summary>Kills the worker with SIGKILL, as the kernel's OOM killer or a preempted node would.</summary>
    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        KillHard();
        process.Dispose();
    }
}
