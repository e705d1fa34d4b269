using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Attune.Bench.Functions;
using Attune.Bench.MultiFidelity;
using Attune.Bench.Runner;

namespace Attune.Bench;

/// <summary>The sample-efficiency benchmark's entry point; see docs/benchmark-suite.md.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--suite")
        {
            return args[1] switch
            {
                "lcbench" => LcBenchProgram.Run(args[2..], Console.Out, Console.Error),
                "learning-curve" => LearningCurveSuite.RunSuite(args[2..], Console.Out, Console.Error),
                _ => Unknown(args[1]),
            };
        }

        var registry = SamplerRegistry.Default;
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args, registry);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        var reference = options.OptunaReference is { } path ? OptunaReference.Load(path) : null;
        if (reference is not null && reference.Count == 0)
        {
            Console.Error.WriteLine($"warning: no Optuna table found in {reference.Source}");
        }

        var functions = options.Functions.Select(BenchmarkFunctions.Get).ToList();
        var runner = new BenchRunner(registry);
        var start = Stopwatch.GetTimestamp();
        var runs = runner.RunAll(
            functions, options.Samplers, options.Budgets, options.Seeds, options.Parallel, options.Trace,
            line => Console.Error.WriteLine(line));
        var total = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var summary = Summaries.Summarize(runs, functions, options.Samplers, options.Budgets);
        var report = new BenchReport
        {
            Generated = TimeProvider.System.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
            Machine = $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cpu, .NET {Environment.Version}",
            Settings = new BenchSettings
            {
                Samplers = options.Samplers,
                Functions = options.Functions,
                Budgets = options.Budgets,
                Seeds = options.Seeds,
                Parallel = options.Parallel,
                OptunaReference = options.OptunaReference,
            },
            TotalWallSeconds = total,
            Hypervolume = "exact (2-D staircase; slicing in more dimensions), Attune.MultiObjective.Hypervolume",
            Runs = runs,
            Summary = summary,
            Timings = Summaries.Timings(runs, reference),
            Comparison = reference is null ? [] : Summaries.Compare(summary, reference),
        };

        Console.Write(MarkdownReport.Render(report, functions));
        if (options.Json is { } json)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(json));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(json, JsonSerializer.Serialize(report, BenchJsonContext.Readable.BenchReport));
            Console.Error.WriteLine($"wrote {json}");
        }

        return 0;
    }

    private static int Unknown(string suite)
    {
        Console.Error.WriteLine($"Unknown suite '{suite}'; known: lcbench, learning-curve.");
        return 2;
    }
}
