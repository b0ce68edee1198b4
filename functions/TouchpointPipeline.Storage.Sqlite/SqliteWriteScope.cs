using Microsoft.Data.Sqlite;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// What a queued write sees: the writer's connection inside the group's transaction. Commands are cached per SQL text
/// for the connection's lifetime, so each statement is prepared once instead of on every write.
/// </summary>
internal sealed class SqliteWriteScope(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, SqliteCommand> commands)
{
    /// <summary>
    /// The cached command for <paramref name="sql"/>, enlisted in the current transaction, with the parameters it kept
    /// from its last use (a caller with fixed, typed parameters defines them once, when <c>Parameters.Count</c> is 0).
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> with these parameters; returns the number of rows changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => Bind(sql, parameters).ExecuteNonQuery();

    /// <summary>Runs <paramref name="sql"/> with these parameters; returns the first column of the first row.</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => Bind(sql, parameters).ExecuteScalar();

    private SqliteCommand Bind(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Command(sql);
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
