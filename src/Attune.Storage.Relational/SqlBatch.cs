using System.Globalization;
using System.Text;

namespace Attune.Storage.Relational;

/// <summary>
/// Statements sent together in one round trip (separated by semicolons), each with parameters of its own: a
/// statement's parameters are renamed with a numeric suffix, so the same builder can be added many times.
/// </summary>
internal sealed class SqlBatch
{
    private readonly StringBuilder sql = new();
    private readonly List<(string Name, object? Value)> parameters = [];
    private int statements;

    /// <summary>The SQL text of every statement added.</summary>
    public string Sql => sql.ToString();

    /// <summary>The parameters of every statement added.</summary>
    public ReadOnlySpan<(string Name, object? Value)> Parameters => parameters.ToArray();

    /// <summary>Whether no statement was added.</summary>
    public bool IsEmpty => statements == 0;

    /// <summary>Adds one statement (or several, separated by semicolons, sharing its parameters).</summary>
    /// <param name="text">The SQL, with parameters named <c>@name</c>.</param>
    /// <param name="statementParameters">Its parameters, by the names the text uses.</param>
    public void Add(string text, params ReadOnlySpan<(string Name, object? Value)> statementParameters)
    {
        var suffix = "_" + statements.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in statementParameters)
        {
            text = RenameParameter(text, name, name + suffix);
            parameters.Add((name + suffix, value));
        }

        if (statements++ > 0)
        {
            sql.Append(";\n");
        }

        sql.Append(text);
    }

    /// <summary>Adds an upsert (see <see cref="SqlSession.Upsert"/>).</summary>
    public void Upsert(SqlDialect dialect, string table, (string Column, string Parameter, object? Value)[] keys, (string Column, string Expression, string Parameter, object? Value)[] values)
    {
        var match = string.Join(" AND ", keys.Select(k => $"{k.Column} = {k.Parameter}"));
        var set = string.Join(", ", values.Select(v => $"{v.Column} = {v.Expression}"));
        var columns = string.Join(", ", keys.Select(k => k.Column).Concat(values.Select(v => v.Column)));
        var selected = string.Join(", ", keys.Select(k => k.Parameter).Concat(values.Select(v => v.Expression)));
        var text = $"UPDATE {table} SET {set} WHERE {match};\n" +
            $"INSERT INTO {table} ({columns}) SELECT {selected}{dialect.FromDual} WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {match})";
        var statementParameters = new (string, object?)[keys.Length + values.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            statementParameters[i] = (keys[i].Parameter, keys[i].Value);
        }

        for (var i = 0; i < values.Length; i++)
        {
            statementParameters[keys.Length + i] = (values[i].Parameter, values[i].Value);
        }

        Add(text, statementParameters);
    }

    /// <summary>Renames <paramref name="name"/> where it stands as a whole parameter name (not a prefix of a longer one).</summary>
    private static string RenameParameter(string text, string name, string replacement)
    {
        var result = new StringBuilder(text.Length + 16);
        var start = 0;
        while (true)
        {
            var index = text.IndexOf(name, start, StringComparison.Ordinal);
            if (index < 0)
            {
                return result.Append(text, start, text.Length - start).ToString();
            }

            var end = index + name.Length;
            var whole = end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '_');
            result.Append(text, start, index - start).Append(whole ? replacement : name);
            start = end;
        }
    }
}
