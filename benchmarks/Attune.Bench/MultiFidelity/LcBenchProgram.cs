using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.Bench.MultiFidelity;

/// <summary>Everything a <c>--json</c> file of the lcbench suite holds.</summary>
/// <param name="Runs">Every run.</param>
/// <param name="Summary">The summaries.</param>
public sealed record LcBenchJson(IReadOnlyList<LcBenchRun> Runs, IReadOnlyList<LcBenchCell> Summary);

/// <summary>Reflection-free JSON for <see cref="LcBenchJson"/>.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LcBenchJson))]
public sealed partial class LcBenchJsonContext : JsonSerializerContext;

/// <summary>The <c>--suite lcbench</c> entry point.</summary>
public static class LcBenchProgram
{
    /// <summary>Runs the suite and prints the report.</summary>
    /// <param name="args">The arguments after <c>--suite lcbench</c>.</param>
    /// <param name="output">Where the Markdown goes.</param>
    /// <param name="log">Where progress goes.</param>
    /// <returns>The exit code.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        LcBenchOptions options;
        try
        {
            options = LcBenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            log.WriteLine(e.Message);
            log.WriteLine(LcBenchOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            output.WriteLine(LcBenchOptions.Usage);
            return 0;
        }

        using var surrogate = LcBenchSurrogate.Load();
        var tasks = options.Tasks.Select(surrogate.Task).ToList();
        var methods = options.Methods.Select(MultiFidelityMethods.Get).ToList();
        var reference = LcBenchReference.Load(options.OptunaReference);
        var targets = tasks.ToDictionary(
            t => t.Id,
            t => reference.Find(t.Id, "(a)")?.MedianRegrets[2] ?? throw new InvalidOperationException($"Optuna's report has no random-search row for task {t.Id}."));
        var runs = new LcBenchRunner(surrogate).RunAll(tasks, methods, options.Seeds, options.Parallel, line => log.WriteLine(line));
        var cells = LcBenchSummary.Summarize(runs, tasks, methods, targets);
        output.Write(LcBenchReport.Render(cells, methods, reference, targets, options.Seeds));
        if (options.Json is { } json)
        {
            var context = new LcBenchJsonContext(new JsonSerializerOptions(LcBenchJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            File.WriteAllText(json, JsonSerializer.Serialize(new LcBenchJson(runs, cells), context.LcBenchJson));
            log.WriteLine($"wrote {json}");
        }

        return 0;
    }
}
