using System.Globalization;
using Attune.Bench.Functions;

namespace Attune.Bench.Runner;

/// <summary>The runner's command line.</summary>
public sealed record BenchOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Attune sample-efficiency benchmark: runs every function x sampler x seed as an in-memory study
        and prints simple regret (single-objective) or hypervolume gap (multi-objective) per budget.

        dotnet run --project benchmarks/Attune.Bench -c Release -- [options]

          --samplers a,b,...        samplers by registry name (default: all registered)
          --functions a,b,...       function ids from FUNCTIONS.md (default: all)
          --budgets n,m,...         trial budgets to report; each run has max(budgets) trials (default: 100,300)
          --seeds N                 seeds 0 .. N-1 per function and sampler (default: 10)
          --optuna-reference PATH   optuna-3.1.md: print Optuna's numbers and the ratio ours/Optuna
          --json PATH               write every run and the summary as JSON
          --parallel N              runs at once (default: the number of processors)
          --no-trace                leave the per-trial regret curves out of the JSON
          -h, --help                this text
        """;

    /// <summary>The sampler names.</summary>
    public IReadOnlyList<string> Samplers { get; init; } = [];

    /// <summary>The function ids.</summary>
    public IReadOnlyList<string> Functions { get; init; } = BenchmarkFunctions.All.Select(f => f.Id).ToArray();

    /// <summary>The budgets, ascending.</summary>
    public IReadOnlyList<int> Budgets { get; init; } = [100, 300];

    /// <summary>The number of seeds (0 … Seeds − 1).</summary>
    public int Seeds { get; init; } = 10;

    /// <summary>The Optuna reference file, if any.</summary>
    public string? OptunaReference { get; init; }

    /// <summary>The JSON output file, if any.</summary>
    public string? Json { get; init; }

    /// <summary>How many runs execute at once.</summary>
    public int Parallel { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether the JSON holds each run's score after every trial.</summary>
    public bool Trace { get; init; } = true;

    /// <summary>Whether the user asked for help.</summary>
    public bool Help { get; init; }

    /// <summary>Parses the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="registry">The samplers, to validate names and to default to all of them.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a bad value.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args, SamplerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(registry);
        var options = new BenchOptions { Samplers = registry.Names };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Option {arg} needs a value.");
                }

                return args[++i];
            }

            options = arg switch
            {
                "-h" or "--help" => options with { Help = true },
                "--samplers" => options with { Samplers = SamplerNames(Value(), registry) },
                "--functions" => options with { Functions = FunctionIds(Value()) },
                "--budgets" => options with { Budgets = ParseBudgets(Value()) },
                "--seeds" => options with { Seeds = Positive(arg, Value()) },
                "--optuna-reference" => options with { OptunaReference = ExistingFile(arg, Value()) },
                "--json" => options with { Json = Value() },
                "--parallel" => options with { Parallel = Positive(arg, Value()) },
                "--no-trace" => options with { Trace = false },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options;
    }

    private static string[] List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] SamplerNames(string text, SamplerRegistry registry)
    {
        var names = List(text).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        foreach (var name in names)
        {
            if (!registry.Contains(name))
            {
                throw new ArgumentException($"Unknown sampler '{name}'; known: {string.Join(", ", registry.Names)}.");
            }
        }

        return names.Length > 0 ? names : throw new ArgumentException("--samplers needs at least one name.");
    }

    private static string[] FunctionIds(string text)
    {
        var ids = List(text).Select(id => BenchmarkFunctions.Get(id).Id).Distinct(StringComparer.Ordinal).ToArray();
        return ids.Length > 0 ? ids : throw new ArgumentException("--functions needs at least one id.");
    }

    private static int[] ParseBudgets(string text)
    {
        var budgets = List(text).Select(b => Positive("--budgets", b)).Distinct().Order().ToArray();
        return budgets.Length > 0 ? budgets : throw new ArgumentException("--budgets needs at least one number.");
    }

    private static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} takes a positive integer, but got '{text}'.");

    private static string ExistingFile(string option, string path) =>
        File.Exists(path) ? path : throw new ArgumentException($"{option}: no file at '{path}'.");
}
