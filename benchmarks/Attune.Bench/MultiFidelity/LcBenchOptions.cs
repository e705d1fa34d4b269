using System.Globalization;

namespace Attune.Bench.MultiFidelity;

/// <summary>The command line of <c>--suite lcbench</c>.</summary>
public sealed record LcBenchOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Attune multi-fidelity benchmark on the YAHPO Gym lcbench surrogate, following
        shared/bench/optuna-3.1-lcbench.md, with Optuna 3.1's numbers beside ours.

        dotnet run --project benchmarks/Attune.Bench -c Release -- --suite lcbench [options]

          --methods a,b,...         methods by name (default: all)
          --tasks a,b,...           OpenML task ids (default: 167168,189873,189906)
          --seeds N                 seeds 0 .. N-1 (default: 10)
          --parallel N              runs at once (default: the number of processors)
          --optuna-reference PATH   Optuna's report (default: data/optuna-3.1-lcbench.md)
          --json PATH               write every run and the summary as JSON
          -h, --help                this text
        """;

    /// <summary>The method names.</summary>
    public IReadOnlyList<string> Methods { get; init; } = MultiFidelityMethods.All.Select(m => m.Name).ToArray();

    /// <summary>The task ids.</summary>
    public IReadOnlyList<string> Tasks { get; init; } = LcBenchTask.PublicIds;

    /// <summary>Seeds 0 … Seeds − 1.</summary>
    public int Seeds { get; init; } = 10;

    /// <summary>Runs at once.</summary>
    public int Parallel { get; init; } = Environment.ProcessorCount;

    /// <summary>Optuna's report.</summary>
    public string? OptunaReference { get; init; }

    /// <summary>The JSON output, if any.</summary>
    public string? Json { get; init; }

    /// <summary>Whether help was asked for.</summary>
    public bool Help { get; init; }

    /// <summary>Parses the arguments after <c>--suite lcbench</c>.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">An option is unknown or has a bad value.</exception>
    public static LcBenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LcBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new ArgumentException($"Option {arg} needs a value.");

            options = arg switch
            {
                "-h" or "--help" => options with { Help = true },
                "--methods" => options with { Methods = List(Value()).Select(n => MultiFidelityMethods.Get(n).Name).Distinct().ToArray() },
                "--tasks" => options with { Tasks = List(Value()) },
                "--seeds" => options with { Seeds = Positive(arg, Value()) },
                "--parallel" => options with { Parallel = Positive(arg, Value()) },
                "--optuna-reference" => options with { OptunaReference = Value() },
                "--json" => options with { Json = Value() },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options;
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} takes a positive integer, but got '{text}'.");
}
