using System.Diagnostics;
using System.Globalization;
using Attune;
using Attune.Samplers;
using Attune.StorageBench;

// Usage:
//   Attune.StorageBench throughput URL WORKERS TRIALS      trials/s of WORKERS processes running TRIALS trials in all
//   Attune.StorageBench pertrial URL SIZES...              microseconds per Ask+Tell (with a read of all trials) at each study size
//   Attune.StorageBench worker URL STUDY TRIALS GO         (internal) one worker process of a throughput run
// The objective is trivial (x*x + k with a float and an int parameter) and the sampler random, so the figures are the
// storage's (and Attune's) overhead per trial. Storage URLs are as in StorageUrl; each run uses a fresh study name.
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: Attune.StorageBench throughput URL WORKERS TRIALS | pertrial URL SIZES... | worker URL STUDY TRIALS GO");
    return 2;
}

switch (args[0])
{
    case "throughput":
        var rate = await Throughput.Run(args[1], Int(args[2]), Int(args[3]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[1]} workers={args[2]} trials={args[3]}: {rate:F0} trials/s"));
        return 0;
    case "pertrial":
        foreach (var (size, micros) in PerTrial.Run(args[1], [.. args.Skip(2).Select(Int)]))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[1]} at {size} trials: {micros:F0} µs per Ask+Tell (with a read of all trials)"));
        }

        return 0;
    case "profile":
        foreach (var line in Profile.Run(args[1], [.. args.Skip(2).Select(Int)]))
        {
            Console.WriteLine(line);
        }

        return 0;
    case "worker":
        Worker(args[1], args[2], Int(args[3]), args[4]);
        return 0;
    default:
        await Console.Error.WriteLineAsync($"unknown command {args[0]}");
        return 2;
}

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static void Worker(string url, string name, int trials, string go)
{
    // Warm up (JIT, connection pool) on a study of its own, so that the timed run measures steady-state trials: tiered
    // compilation recompiles a method once it has been called 30 times after a quiet 100 ms, on a background thread,
    // so the warm-up runs enough trials for that and then leaves the compiler time to finish.
    using (var warmup = Study.Create(new StudyOptions { Name = name + "-warmup-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Storage = url, Sampler = new RandomSampler() }))
    {
        warmup.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10), 2) + t.SuggestInt("k", 0, 10), new OptimizeOptions { Trials = 300 });
        Thread.Sleep(1000);
        warmup.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10), 2) + t.SuggestInt("k", 0, 10), new OptimizeOptions { Trials = 100 });
    }

    using var study = Study.Create(new StudyOptions { Name = name, Storage = url, LoadIfExists = true, Sampler = new RandomSampler() });
    Console.WriteLine("ready");
    while (!File.Exists(go))
    {
        Thread.Sleep(1);
    }

    var watch = Stopwatch.StartNew();
    study.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10), 2) + t.SuggestInt("k", 0, 10), new OptimizeOptions { Trials = trials });
    Console.WriteLine(watch.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
}
