namespace Attune.Cli;

/// <summary>
/// A result as rows of named cells. Cell values are JSON-like (null, bool, long, double, string, lists and
/// dictionaries), so the same table prints as text, CSV or JSON.
/// </summary>
/// <param name="Columns">The column names, in order.</param>
/// <param name="Rows">One dictionary per row, by column name; a missing cell is empty.</param>
internal sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);
