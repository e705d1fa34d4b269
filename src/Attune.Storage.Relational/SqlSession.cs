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
        var batch = new SqlBatch();
        batch.Upsert(Dialect, table, keys, values);
        Execute(batch);
    }

    /// <summary>Runs the statements of <paramref name="batch"/> in one round trip.</summary>
    public int Execute(SqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Execute(batch.Sql, batch.Parameters);
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
