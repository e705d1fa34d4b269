using System.Globalization;
using System.Text.RegularExpressions;

namespace Attune.Bench.Runner;

/// <summary>A reference cell: median and quartiles across seeds.</summary>
/// <param name="Median">The median.</param>
/// <param name="Q25">The 25th percentile.</param>
/// <param name="Q75">The 75th percentile.</param>
public sealed record ReferenceCell(double Median, double Q25, double Q75);

/// <summary>
/// Optuna's numbers parsed from shared/bench/optuna-3.1.md: simple regret per function, budget and
/// sampler column (<c>random, tpe, tpe_mv, cmaes, qmc</c>), hypervolume gaps (<c>random, nsga2, motpe</c>),
/// mean wall time per run, and the learning-curve rows without pruning.
/// </summary>
public sealed partial class OptunaReference
{
    private readonly Dictionary<(string Function, int Budget, string Sampler), ReferenceCell> scores = [];
    private readonly Dictionary<(string Function, string Sampler), double> wallSeconds = [];

    /// <summary>The trials per run of the wall-time table; 0 when the file has none.</summary>
    public int WallTimeBudget { get; private set; }

    /// <summary>The file the numbers came from.</summary>
    public string Source { get; private set; } = "";

    /// <summary>How many cells were read.</summary>
    public int Count => scores.Count;

    /// <summary>Reads a file in the format of optuna-3.1.md.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The reference numbers.</returns>
    public static OptunaReference Load(string path)
    {
        var reference = Parse(File.ReadAllText(path));
        reference.Source = path;
        return reference;
    }

    /// <summary>Parses Markdown in the format of optuna-3.1.md.</summary>
    /// <param name="markdown">The text.</param>
    /// <returns>The reference numbers.</returns>
    public static OptunaReference Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var reference = new OptunaReference();
        var heading = "";
        var table = new List<string[]>();
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('|'))
            {
                table.Add(SplitRow(line));
                continue;
            }

            if (table.Count > 0)
            {
                reference.ReadTable(heading, table);
                table.Clear();
            }

            if (line.StartsWith('#'))
            {
                heading = line.TrimStart('#').Trim();
            }
        }

        if (table.Count > 0)
        {
            reference.ReadTable(heading, table);
        }

        return reference;
    }

    /// <summary>Optuna's cell for a function, budget and sampler column.</summary>
    /// <param name="function">The function id.</param>
    /// <param name="budget">The number of trials.</param>
    /// <param name="sampler">The column: random, tpe, tpe_mv, cmaes, qmc, nsga2 or motpe.</param>
    /// <returns>The cell, or <see langword="null"/> when the file has none.</returns>
    public ReferenceCell? Get(string function, int budget, string sampler) =>
        scores.TryGetValue((function, budget, sampler), out var cell) ? cell : null;

    /// <summary>
    /// The cell with the lowest median among <paramref name="samplers"/> (e.g. the better of tpe and
    /// tpe_mv), with the column it came from.
    /// </summary>
    /// <param name="function">The function id.</param>
    /// <param name="budget">The number of trials.</param>
    /// <param name="samplers">The columns to choose from.</param>
    /// <returns>The best cell and its column, or <see langword="null"/> when none has a number.</returns>
    public (ReferenceCell Cell, string Sampler)? Best(string function, int budget, IEnumerable<string> samplers)
    {
        ArgumentNullException.ThrowIfNull(samplers);
        (ReferenceCell Cell, string Sampler)? best = null;
        foreach (var sampler in samplers)
        {
            if (Get(function, budget, sampler) is { } cell && (best is null || cell.Median < best.Value.Cell.Median))
            {
                best = (cell, sampler);
            }
        }

        return best;
    }

    /// <summary>Optuna's mean wall time per run (of <see cref="WallTimeBudget"/> trials).</summary>
    /// <param name="function">The function id.</param>
    /// <param name="sampler">The sampler column.</param>
    /// <returns>Seconds, or <see langword="null"/>.</returns>
    public double? WallSeconds(string function, string sampler) =>
        wallSeconds.TryGetValue((function, sampler), out var s) ? s : null;

    private static string[] SplitRow(string line)
    {
        var inner = line.Trim().Trim('|');
        return inner.Split('|').Select(c => c.Trim()).ToArray();
    }

    private static bool TryParseCell(string text, out ReferenceCell cell)
    {
        var match = CellPattern().Match(text);
        if (match.Success
            && TryNumber(match.Groups[1].Value, out var median)
            && TryNumber(match.Groups[2].Value, out var q25)
            && TryNumber(match.Groups[3].Value, out var q75))
        {
            cell = new ReferenceCell(median, q25, q75);
            return true;
        }

        cell = null!;
        return false;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);

    [GeneratedRegex(@"^\s*([-+0-9.eE,]+)\s*\[\s*([-+0-9.eE]+)\s*,\s*([-+0-9.eE]+)\s*\]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CellPattern();

    [GeneratedRegex(@"simple regret after (\d+) trials", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RegretHeading();

    [GeneratedRegex(@"wall time per (\d+)-trial run", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WallHeading();

    private static readonly HashSet<string> NonSamplerColumns = new(StringComparer.Ordinal) { "function", "optimum", "ref point", "HV*", "trials" };

    private void ReadTable(string heading, List<string[]> rows)
    {
        if (rows.Count < 3)
        {
            return;
        }

        var header = rows[0];
        var body = rows.Skip(2).ToList();
        var column = header.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        if (RegretHeading().Match(heading) is { Success: true } regret && column.TryGetValue("function", out var fnColumn))
        {
            var budget = int.Parse(regret.Groups[1].Value, CultureInfo.InvariantCulture);
            ReadScores(header, body, fnColumn, _ => budget);
        }
        else if (heading.Contains("hypervolume gap", StringComparison.OrdinalIgnoreCase)
            && column.TryGetValue("function", out var moFunction) && column.TryGetValue("trials", out var trialsColumn))
        {
            ReadScores(header, body, moFunction, row => int.TryParse(row[trialsColumn], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : -1);
        }
        else if (WallHeading().Match(heading) is { Success: true } wall && column.TryGetValue("function", out var wallFunction))
        {
            WallTimeBudget = int.Parse(wall.Groups[1].Value, CultureInfo.InvariantCulture);
            foreach (var row in body)
            {
                for (var c = 0; c < header.Length && c < row.Length; c++)
                {
                    if (c != wallFunction && TryNumber(row[c], out var seconds))
                    {
                        wallSeconds[(row[wallFunction], header[c])] = seconds;
                    }
                }
            }
        }
        else if (heading.Contains("learning-curve", StringComparison.OrdinalIgnoreCase)
            && column.TryGetValue("sampler", out var samplerColumn) && column.TryGetValue("pruner", out var prunerColumn))
        {
            // Only the runs without pruning are sample-efficiency numbers (regret of the final value after 100 trials).
            foreach (var (name, index) in column)
            {
                if (name.StartsWith("regret@", StringComparison.Ordinal) && name.EndsWith(" trials", StringComparison.Ordinal)
                    && int.TryParse(name["regret@".Length..^" trials".Length], NumberStyles.Integer, CultureInfo.InvariantCulture, out var budget))
                {
                    foreach (var row in body)
                    {
                        if (row.Length > index && row[prunerColumn] == "none" && TryParseCell(row[index], out var cell))
                        {
                            scores[("learning_curve", budget, row[samplerColumn])] = cell;
                        }
                    }
                }
            }
        }
    }

    private void ReadScores(string[] header, List<string[]> body, int functionColumn, Func<string[], int> budgetOf)
    {
        foreach (var row in body)
        {
            var budget = budgetOf(row);
            if (budget <= 0 || row.Length <= functionColumn)
            {
                continue;
            }

            for (var c = 0; c < header.Length && c < row.Length; c++)
            {
                if (c != functionColumn && !NonSamplerColumns.Contains(header[c]) && TryParseCell(row[c], out var cell))
                {
                    scores[(row[functionColumn], budget, header[c])] = cell;
                }
            }
        }
    }
}
