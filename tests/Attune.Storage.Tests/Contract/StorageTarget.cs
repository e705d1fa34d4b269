using System.Collections.Concurrent;
using System.Globalization;
using Attune.Storage.InMemory;
using Attune.Storage.Journal;
using Attune.Storage.Postgres;
using Attune.Storage.Redis;
using Attune.Storage.Sqlite;
using MySqlConnector;
using Npgsql;
using StackExchange.Redis;

namespace Attune.Storage.Tests.Contract;

/// <summary>
/// One empty store for one test: opens storage instances on it (several instances stand for several workers), gives
/// its URL to worker processes, and can drop every connection of its storages (a database restart as workers see it).
/// </summary>
public abstract class StorageTarget : IDisposable
{
    private readonly ConcurrentBag<IStorage> opened = [];

    /// <summary>The storage URL for worker processes; <see langword="null"/> when the store lives in this process only.</summary>
    public abstract string? Url { get; }

    /// <summary>Whether <see cref="KillConnections"/> does anything.</summary>
    public virtual bool HasConnections => false;

    /// <summary>
    /// A fresh store on one of the test servers: "postgres", "mysql" or "redis", at the URL in its environment
    /// variable; <see langword="null"/> when the variable is not set outside CI (<see cref="Servers.Url"/>).
    /// </summary>
    public static StorageTarget? OnServer(string server, Xunit.Abstractions.ITestOutputHelper? output) => server switch
    {
        "postgres" => Servers.Url(Servers.Postgres, output) is { } url ? new PostgresTarget(url) : null,
        "mysql" => Servers.Url(Servers.MySql, output) is { } url ? new MySqlTarget(url) : null,
        "redis" => Servers.Url(Servers.Redis, output) is { } url ? new RedisTarget(url) : null,
        _ => throw new ArgumentException($"Unknown server '{server}'; known: postgres, mysql, redis.", nameof(server)),
    };

    /// <summary>Opens a new storage instance on the store (disposed with the target).</summary>
    public IStorage Open()
    {
        var storage = OpenStorage();
        opened.Add(storage);
        return storage;
    }

    /// <summary>Drops every connection that storages of this target hold, from the server's side.</summary>
    /// <returns>How many connections were dropped.</returns>
    public virtual int KillConnections() => 0;

    public void Dispose()
    {
        foreach (var storage in opened)
        {
            storage.Dispose();
        }

        Cleanup();
        GC.SuppressFinalize(this);
    }

    protected abstract IStorage OpenStorage();

    protected virtual void Cleanup()
    {
    }
}

public sealed class MemoryTarget : StorageTarget
{
    private readonly InMemoryStorage storage = new();

    public override string? Url => null;

    protected override IStorage OpenStorage() => storage;
}

public sealed class JournalTarget : StorageTarget
{
    private readonly TempDirectory dir = new();

    public string Path => dir.File("study.journal");

    public override string? Url => "journal:" + Path;

    protected override IStorage OpenStorage() =>
        new JournalStorage(new JournalFileBackend(Path, new JournalFileBackendOptions { Durable = false }));

    protected override void Cleanup() => dir.Dispose();
}

public sealed class SqliteTarget : StorageTarget
{
    private readonly TempDirectory dir = new();

    public string Path => dir.File("study.db");

    public override string? Url => "sqlite:" + Path;

    protected override IStorage OpenStorage() => SqliteStorage.Open(Path);

    protected override void Cleanup() => dir.Dispose();
}

public sealed class PostgresTarget : StorageTarget
{
    private readonly string adminConnectionString;
    private readonly string schema = "t_" + Guid.NewGuid().ToString("N");

    public PostgresTarget(string serverUrl)
    {
        adminConnectionString = PostgresStorageProvider.ConnectionString(serverUrl) + ";Application Name=attune-tests;Pooling=false";
        Url = $"{serverUrl}?Search%20Path={schema}&Application%20Name={schema}";
        Admin($"CREATE SCHEMA {schema}");
    }

    public override string? Url { get; }

    public override bool HasConnections => true;

    public override int KillConnections() =>
        Convert.ToInt32(Admin($"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{schema}'"), CultureInfo.InvariantCulture);

    protected override IStorage OpenStorage() => PostgresStorage.Open(Url!);

    protected override void Cleanup()
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP SCHEMA {schema} CASCADE");
    }

    private object? Admin(string sql)
    {
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}

public sealed class MySqlTarget : StorageTarget
{
    private readonly string adminConnectionString;
    private readonly string database = "t_" + Guid.NewGuid().ToString("N");

    public MySqlTarget(string serverUrl)
    {
        adminConnectionString = Attune.Storage.MySql.MySqlStorageProvider.ConnectionString(serverUrl) + ";Pooling=false";
        var slash = serverUrl.LastIndexOf('/');
        Url = serverUrl[..(slash + 1)] + database;
        Admin($"CREATE DATABASE {database}");
    }

    public override string? Url { get; }

    public override bool HasConnections => true;

    public override int KillConnections()
    {
        var ids = new List<long>();
        using var connection = new MySqlConnection(adminConnectionString);
        connection.Open();
        using (var command = new MySqlCommand($"SELECT id FROM information_schema.processlist WHERE db = '{database}' AND id <> CONNECTION_ID()", connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        var killed = 0;
        foreach (var id in ids)
        {
            try
            {
                using var kill = new MySqlCommand($"KILL {id}", connection);
                kill.ExecuteNonQuery();
                killed++;
            }
            catch (MySqlException)
            {
                // It ended by itself.
            }
        }

        return killed;
    }

    protected override IStorage OpenStorage() => Attune.Storage.MySql.MySqlStorage.Open(Url!);

    protected override void Cleanup()
    {
        MySqlConnection.ClearAllPools();
        Admin($"DROP DATABASE {database}");
    }

    private void Admin(string sql)
    {
        using var connection = new MySqlConnection(adminConnectionString);
        connection.Open();
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

public sealed class RedisTarget : StorageTarget
{
    private readonly string prefix = "t_" + Guid.NewGuid().ToString("N");
    private readonly ConnectionMultiplexer admin;

    public RedisTarget(string serverUrl)
    {
        Url = serverUrl + "?prefix=" + prefix;
        var (configuration, _, _) = RedisStorage.Parse(serverUrl);
        configuration.AllowAdmin = true;
        configuration.ClientName = "attune-tests";
        admin = ConnectionMultiplexer.Connect(configuration);
    }

    public override string? Url { get; }

    public override bool HasConnections => true;

    public override int KillConnections()
    {
        var killed = 0;
        foreach (var endpoint in admin.GetEndPoints())
        {
            var server = admin.GetServer(endpoint);
            foreach (var client in server.ClientList())
            {
                if (client.Name == "attune")
                {
                    try
                    {
                        server.ClientKill(client.Id);
                        killed++;
                    }
                    catch (RedisException)
                    {
                        // It ended by itself.
                    }
                }
            }
        }

        return killed;
    }

    protected override IStorage OpenStorage() => RedisStorage.Open(Url!);

    protected override void Cleanup()
    {
        foreach (var endpoint in admin.GetEndPoints())
        {
            var keys = admin.GetServer(endpoint).Keys(pattern: prefix + ":*").ToArray();
            if (keys.Length > 0)
            {
                admin.GetDatabase().KeyDelete(keys);
            }
        }

        admin.Dispose();
    }
}
