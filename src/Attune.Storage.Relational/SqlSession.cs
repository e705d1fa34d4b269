using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Attune.Storage.Relational;

/// <summary>One connection and, usually, one transaction: runs parameterized SQL (parameters are named <c>@name</c>).</summary>
internal sealed class SqlSession(SqlDialect dialect, DbConnection connection, DbTransaction? transaction)
{
    public SqlDialect Dialect { get; } = dialect;

    public DbConnection Connection { get; } = connection;

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public long Insert(string sql, string idColumn, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        return Dialect.ExecuteInsert(command, idColumn);
    }

    public DbDataReader Query(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            return new CommandReader(command, command.ExecuteReader());
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sets a row in one round trip: updates the row with these keys, or inserts it when there is none (one batch of
    /// an UPDATE and an INSERT … WHERE NOT EXISTS). The caller holds a lock that keeps others from inserting the same keys.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="keys">Key columns (already quoted where needed) and their parameters.</param>
    /// <param name="values">Value columns, the SQL expression of each value (e.g. a parameter with a cast), and parameters.</param>
    public void Upsert(string table, (string Column, string Parameter, object? Value)[] keys, (string Column, string Expression, string Parameter, object? Value)[] values)
    {
        var match = string.Join(" AND ", keys.Select(k => $"{k.Column} = {k.Parameter}"));
        var set = string.Join(", ", values.Select(v => $"{v.Column} = {v.Expression}"));
        var columns = string.Join(", ", keys.Select(k => k.Column).Concat(values.Select(v => v.Column)));
        var selected = string.Join(", ", keys.Select(k => k.Parameter).Concat(values.Select(v => v.Expression)));
        var sql = $"UPDATE {table} SET {set} WHERE {match};\n" +
            $"INSERT INTO {table} ({columns}) SELECT {selected}{Dialect.FromDual} WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {match})";
        var parameters = new (string, object?)[keys.Length + values.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            parameters[i] = (keys[i].Parameter, keys[i].Value);
        }

        for (var i = 0; i < values.Length; i++)
        {
            parameters[keys.Length + i] = (values[i].Parameter, values[i].Value);
        }

        Execute(sql, parameters);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "SQL text is built from constants and dialect fragments; values are always parameters.")]
    public DbCommand Command(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            if (value is SqlNull typed)
            {
                // A NULL whose type the database cannot infer from the statement (e.g. in a SELECT list).
                parameter.DbType = typed.Type;
                parameter.Value = DBNull.Value;
            }
            else
            {
                parameter.Value = value ?? DBNull.Value;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }
}
