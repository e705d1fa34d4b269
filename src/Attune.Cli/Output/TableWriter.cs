using System.Text;

namespace Attune.Cli;

/// <summary>Prints a <see cref="Table"/> as an aligned text table, CSV, or a JSON array of objects.</summary>
internal static class TableWriter
{
    public static void Write(Table table, OutputFormat format, TextWriter output)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.Write(JsonOutput.Serialize(table.Rows.Select(Ordered(table)).ToList()));
                break;
            case OutputFormat.Csv:
                WriteCsv(table, output);
                break;
            default:
                WriteText(table, output);
                break;
        }
    }

    /// <summary>Each row's cells in column order, leaving out cells a row does not have.</summary>
    private static Func<IReadOnlyDictionary<string, object?>, object?> Ordered(Table table) => row =>
    {
        var ordered = new OrderedRow();
        foreach (var column in table.Columns)
        {
            if (row.TryGetValue(column, out var value))
            {
                ordered.Add(column, value);
            }
        }

        return ordered;
    };

    private static void WriteCsv(Table table, TextWriter output)
    {
        output.Write(string.Join(',', table.Columns.Select(Quote)));
        output.Write("\r\n");
        foreach (var row in table.Rows)
        {
            output.Write(string.Join(',', table.Columns.Select(c => Quote(CellText.Format(row.GetValueOrDefault(c))))));
            output.Write("\r\n");
        }
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static void WriteText(Table table, TextWriter output)
    {
        var cells = table.Rows.Select(row => table.Columns.Select(c => CellText.Format(row.GetValueOrDefault(c)).ReplaceLineEndings(" ")).ToArray()).ToList();
        var numeric = table.Columns.Select(c => table.Rows.Count > 0 && table.Rows.All(r => r.GetValueOrDefault(c) is null || CellText.IsNumber(r.GetValueOrDefault(c)))).ToArray();
        var widths = table.Columns.Select((c, i) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var line = new StringBuilder();
        void Row(IReadOnlyList<string> values)
        {
            line.Clear();
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    line.Append("  ");
                }

                line.Append(numeric[i] ? values[i].PadLeft(widths[i]) : values[i].PadRight(widths[i]));
            }

            output.WriteLine(line.ToString().TrimEnd());
        }

        Row(table.Columns);
        Row([.. widths.Select(w => new string('-', w))]);
        foreach (var row in cells)
        {
            Row(row);
        }
    }
}
