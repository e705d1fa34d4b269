using System.Globalization;
using System.Text.RegularExpressions;

namespace Attune.Bench.MultiFidelity;

/// <summary>One row of Optuna's lcbench table.</summary>
/// <param name="Task">The task id.</param>
/// <param name="Letter">The method's letter, e.g. "(e)".</param>
/// <param name="Label">The method label as printed.</param>
/// <param name="Cells">The raw cells: 25 %, 50 %, 100 %, epochs to RS (median curve), per-seed median, trials / complete.</param>
/// <param name="MedianRegrets">The medians at 25, 50 and 100 % of the budget.</param>
/// <param name="EpochsToTarget">Epochs until the median-over-seeds curve reaches the target; +∞ when not reached.</param>
public sealed record OptunaLcBenchRow(string Task, string Letter, string Label, IReadOnlyList<string> Cells, IReadOnlyList<double> MedianRegrets, double EpochsToTarget);

/// <summary>Optuna 3.1's numbers parsed from data/optuna-3.1-lcbench.md (its first table: regret against the instance statistics).</summary>
public sealed partial class LcBenchReference
{
    private readonly Dictionary<(string Task, string Letter), OptunaLcBenchRow> rows = [];

    /// <summary>The copy of Optuna's report next to the executable.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "optuna-3.1-lcbench.md");

    /// <summary>The rows read.</summary>
    public IReadOnlyCollection<OptunaLcBenchRow> Rows => rows.Values;

    /// <summary>Reads the file.</summary>
    /// <param name="path">The file; default <see cref="DefaultPath"/>.</param>
    /// <returns>The reference.</returns>
    public static LcBenchReference Load(string? path = null) => Parse(File.ReadAllText(path ?? DefaultPath));

    /// <summary>Parses the Markdown: the rows of the first table whose method starts with a letter in parentheses.</summary>
    /// <param name="markdown">The text.</param>
    /// <returns>The reference.</returns>
    public static LcBenchReference Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var reference = new LcBenchReference();
        var inFirstTable = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('|'))
            {
                if (inFirstTable && reference.rows.Count > 0)
                {
                    break;
                }

                continue;
            }

            inFirstTable = true;
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length != 8 || LetterPattern().Match(cells[1]) is not { Success: true } letter)
            {
                continue;
            }

            var medians = cells[2..5].Select(LeadingNumber).ToArray();
            reference.rows[(cells[0], letter.Value)] = new OptunaLcBenchRow(cells[0], letter.Value, cells[1], cells[2..], medians, LeadingNumber(cells[5]));
        }

        return reference;
    }

    /// <summary>Optuna's row for a task and letter, if any.</summary>
    /// <param name="task">The task id.</param>
    /// <param name="letter">The letter, e.g. "(a)".</param>
    /// <returns>The row, or <see langword="null"/>.</returns>
    public OptunaLcBenchRow? Find(string task, string? letter) =>
        letter is not null && rows.TryGetValue((task, letter), out var row) ? row : null;

    /// <summary>The first number of a cell ("0.0881 [0.07, 0.11]" → 0.0881, "4,316" → 4316), +∞ for "not reached".</summary>
    private static double LeadingNumber(string cell)
    {
        if (cell.StartsWith("not reached", StringComparison.Ordinal))
        {
            return double.PositiveInfinity;
        }

        var match = NumberPattern().Match(cell);
        return match.Success ? double.Parse(match.Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : double.NaN;
    }

    [GeneratedRegex(@"^\([a-z]\)")]
    private static partial Regex LetterPattern();

    [GeneratedRegex(@"^-?[0-9][0-9,]*(\.[0-9]+)?")]
    private static partial Regex NumberPattern();
}
