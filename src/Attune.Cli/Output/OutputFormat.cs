namespace Attune.Cli;

/// <summary>How a command prints its result (<c>-f</c>).</summary>
internal enum OutputFormat
{
    /// <summary>An aligned text table for people.</summary>
    Table,

    /// <summary>JSON for programs (numbers at full precision).</summary>
    Json,

    /// <summary>CSV (RFC 4180) for spreadsheets and data frames.</summary>
    Csv,
}
