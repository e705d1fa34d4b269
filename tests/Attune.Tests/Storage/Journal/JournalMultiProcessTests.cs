using System.Globalization;
using Xunit.Abstractions;

namespace Attune.Tests.Storage.Journal;

/// <summary>Separate processes sharing one journal file (the worker is tests/Attune.JournalWorker).</summary>
public sealed class JournalMultiProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_processes_writing_one_journal_get_distinct_numbers_and_lose_no_trial()
    {
        using var dir = new TempDirectory();
        var path = dir.File("processes.journal");
        var go = dir.File("go");

        var ready = new[] { new TaskCompletionSource(), new TaskCompletionSource() };
        var workers = new[] { RunWorker(path, 200, go, ready[0]), RunWorker(path, 200, go, ready[1]) };
        await Task.WhenAll(ready.Select(r => r.Task)).WaitAsync(TimeSpan.FromMinutes(2));
        await File.WriteAllTextAsync(go, string.Empty);
        var results = await Task.WhenAll(workers);

        foreach (var (exitCode, output, errors) in results)
        {
            Assert.True(exitCode == 0, $"worker exited with {exitCode}: {errors}");
        }

        JournalConcurrencyTests.AssertTrials(path, 400);
        var numbers = results
            .Select(r => r.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList())
            .ToList();
        Assert.All(numbers, n => Assert.Equal(200, n.Count));
        Assert.Equal(Enumerable.Range(0, 400), numbers.SelectMany(n => n).Order());

        // Both workers were running when the go file appeared; how finely their trials interleaved depends on the
        // scheduler (the lock is not fair), so it is reported rather than asserted.
        var workerByNumber = numbers.SelectMany((n, worker) => n.Select(number => (number, worker))).OrderBy(p => p.number).Select(p => p.worker).ToList();
        var switches = workerByNumber.Zip(workerByNumber.Skip(1)).Count(p => p.First != p.Second);
        output.WriteLine($"The two workers' trial numbers alternate {switches} times.");
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunWorker(string journal, int trials, string go, TaskCompletionSource ready) =>
        WorkerProcess.RunAsync([journal, trials.ToString(CultureInfo.InvariantCulture), "s", go], ready);
}
