using System.Diagnostics;
using System.Globalization;
using Attune;

namespace Attune.StorageBench;

/// <summary>Trials per second of N worker processes sharing one study, timed from a common start to the last worker's end.</summary>
internal static class Throughput
{
    public static async Task<double> Run(string url, int workers, int trials)
    {
        var name = "bench-" + Guid.NewGuid().ToString("N");
        using (Study.Create(new StudyOptions { Name = name, Storage = url }))
        {
        }

        var go = Path.Combine(Path.GetTempPath(), name + ".go");
        var processes = new List<Process>();
        try
        {
            for (var i = 0; i < workers; i++)
            {
                var share = (trials / workers) + (i < trials % workers ? 1 : 0);
                var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
                if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
                {
                    start.ArgumentList.Add(typeof(Throughput).Assembly.Location);
                }

                foreach (var argument in new[] { "worker", url, name, share.ToString(CultureInfo.InvariantCulture), go })
                {
                    start.ArgumentList.Add(argument);
                }

                processes.Add(Process.Start(start)!);
            }

            foreach (var process in processes)
            {
                if (await process.StandardOutput.ReadLineAsync() != "ready")
                {
                    throw new InvalidOperationException("A worker did not start.");
                }
            }

            var watch = Stopwatch.StartNew();
            await File.WriteAllTextAsync(go, string.Empty);
            foreach (var process in processes)
            {
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"A worker exited with {process.ExitCode}.");
                }
            }

            return trials / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            File.Delete(go);
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }
}
