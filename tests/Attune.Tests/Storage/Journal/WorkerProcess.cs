using System.Diagnostics;

namespace Attune.Tests.Storage.Journal;

/// <summary>Runs tests/Attune.JournalWorker as a separate process.</summary>
internal static class WorkerProcess
{
    /// <summary>Runs the worker; <paramref name="ready"/> completes when its first line of output is "ready".</summary>
    /// <param name="arguments">The worker's arguments.</param>
    /// <param name="ready">Completed when the worker says it is ready (faulted when it says something else).</param>
    /// <returns>The exit code, the rest of the output and the errors.</returns>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, TaskCompletionSource ready)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "Attune.JournalWorker.dll");
        Assert.True(File.Exists(worker), $"{worker} is missing; the test project references tests/Attune.JournalWorker to build it.");
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

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = Task.Run(async () =>
        {
            var first = await process.StandardOutput.ReadLineAsync();
            if (first == "ready")
            {
                ready.TrySetResult();
            }
            else
            {
                ready.TrySetException(new InvalidOperationException($"The worker said '{first}' instead of 'ready': {await errors}"));
            }

            return await process.StandardOutput.ReadToEndAsync();
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await output).Trim(), await errors);
    }
}
