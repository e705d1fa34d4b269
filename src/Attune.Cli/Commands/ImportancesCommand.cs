using System.CommandLine;
using Attune.Importances;

namespace Attune.Cli;

/// <summary>
/// <c>attune importances</c>: prints the importance of each parameter of a study, most important first; and the
/// <c>--evaluator</c> and <c>--seed</c> options that <c>plot importances</c> and <c>report</c> share with it.
/// </summary>
internal static class ImportancesCommand
{
    public static readonly string[] Evaluators = ["ped-anova", "fanova", "mean-decrease-impurity"];

    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var format = CommonOptions.Format();
        var evaluator = Evaluator();
        var seed = Seed();
        var parameters = new Option<string[]>("--params")
        {
            Description = "The parameters to evaluate, comma- or space-separated (default all).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "NAME",
        };
        var objective = new Option<int?>("--objective") { Description = "For a multi-objective study: the index of the objective to explain.", HelpName = "K" };
        var command = new Command("importances", "Print the importance of each parameter of a study (shares summing to 1), most important first.")
        {
            storage, study, format, evaluator, seed, parameters, objective,
        };
        command.SetAction(result =>
        {
            var chosen = result.GetValue(evaluator);
            Validate(chosen);
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            using var loaded = StudyLoader.Load(result.GetValue(study)!, opened, url);
            var names = result.GetValue(parameters) is { Length: > 0 } p
                ? p.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
                : null;
            var importances = Evaluate(loaded, chosen, result.GetValue(seed), names, result.GetValue(objective));
            Write(importances, result.GetValue(format), console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Option<string?> Evaluator() => new("--evaluator")
    {
        Description = "The importance evaluator: " + string.Join(", ", Evaluators) + " (default ped-anova).",
        HelpName = "NAME",
    };

    public static Option<int?> Seed() => new("--seed")
    {
        Description = "The seed of the fanova and mean-decrease-impurity forests (default: a new random seed each run; ped-anova has no randomness).",
        HelpName = "N",
    };

    /// <summary>The importances of a study's parameters.</summary>
    /// <param name="study">The study.</param>
    /// <param name="evaluator">The evaluator's name (one of <see cref="Evaluators"/>); <see langword="null"/> for ped-anova.</param>
    /// <param name="seed">The forests' seed; <see langword="null"/> for entropy.</param>
    /// <param name="parameters">The parameters; <see langword="null"/> for all.</param>
    /// <param name="objective">The objective to explain; <see langword="null"/> for the study's only one.</param>
    /// <exception cref="CliException">The evaluator is unknown, the objective is out of range, or none is given for a multi-objective study.</exception>
    /// <exception cref="ArgumentException">As <see cref="Importance.Evaluate"/> (reported as bad input).</exception>
    public static IReadOnlyDictionary<string, double> Evaluate(Study study, string? evaluator, int? seed, IReadOnlyList<string>? parameters, int? objective)
    {
        if (objective is null && study.Directions.Count > 1)
        {
            throw new CliException(ExitCodes.Usage, $"study '{study.Name}' has {study.Directions.Count} objectives; pick the one to explain with --objective K (0 to {study.Directions.Count - 1}).");
        }

        if (objective is { } index && (index < 0 || index >= study.Directions.Count))
        {
            throw new CliException(ExitCodes.BadInput, $"--objective {index} is out of range; study '{study.Name}' has {study.Directions.Count} objectives.");
        }

        Func<TrialRecord, double>? target = objective is { } i ? t => t.Values is { } v && i < v.Count ? v[i] : double.NaN : null;
        var direction = objective is { } j ? study.Directions[j] : (StudyDirection?)null;
        return Importance.Evaluate(study, Create(evaluator, seed, direction), parameters, target);
    }

    /// <summary>The evaluator of a name.</summary>
    /// <param name="name">One of <see cref="Evaluators"/> (any case); <see langword="null"/> for ped-anova.</param>
    /// <param name="seed">The forests' seed.</param>
    /// <param name="direction">The direction of the explained objective, for ped-anova; <see langword="null"/> for the study's.</param>
    /// <exception cref="CliException">The name is not an evaluator.</exception>
    public static ImportanceEvaluator Create(string? name, int? seed, StudyDirection? direction = null) => (name ?? "ped-anova").ToLowerInvariant() switch
    {
        "ped-anova" => new PedAnovaImportanceEvaluator(new PedAnovaImportanceEvaluatorOptions { TargetDirection = direction }),
        "fanova" => new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = seed }),
        "mean-decrease-impurity" => new MeanDecreaseImpurityImportanceEvaluator(new MeanDecreaseImpurityImportanceEvaluatorOptions { Seed = seed }),
        _ => throw new CliException(ExitCodes.Usage, $"'{name}' is not an importance evaluator; use {string.Join(", ", Evaluators[..^1])} or {Evaluators[^1]}."),
    };

    /// <summary>Checks an evaluator name before any work is done.</summary>
    /// <exception cref="CliException">The name is not an evaluator.</exception>
    public static void Validate(string? name) => _ = Create(name, seed: null);

    /// <summary>Prints importances: a table or CSV of <c>param</c> and <c>importance</c>, or one JSON object (what <c>--importances</c> reads).</summary>
    public static void Write(IReadOnlyDictionary<string, double> importances, OutputFormat format, TextWriter output)
    {
        if (format == OutputFormat.Json)
        {
            var row = new OrderedRow();
            foreach (var (name, value) in importances)
            {
                row.Add(name, value);
            }

            output.Write(JsonOutput.Serialize(row));
            return;
        }

        var rows = importances
            .Select(p => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(StringComparer.Ordinal) { ["param"] = p.Key, ["importance"] = p.Value })
            .ToList();
        TableWriter.Write(new Table(["param", "importance"], rows), format, output);
    }
}
