using Xunit.Abstractions;

namespace Attune.Storage.Tests.Contract;

public sealed class InMemoryContractTests(ITestOutputHelper output) : StorageContractTests(output)
{
    protected override StorageTarget? CreateTarget() => new MemoryTarget();
}

public sealed class JournalFileContractTests(ITestOutputHelper output) : StorageContractTests(output)
{
    protected override StorageTarget? CreateTarget() => new JournalTarget();
}

public sealed class SqliteContractTests(ITestOutputHelper output) : StorageContractTests(output)
{
    protected override StorageTarget? CreateTarget() => new SqliteTarget();
}

public sealed class PostgresContractTests(ITestOutputHelper output) : StorageContractTests(output)
{
    protected override StorageTarget? CreateTarget() =>
        Servers.Url(Servers.Postgres, Output) is { } url ? new PostgresTarget(url) : null;
}

public sealed class MySqlContractTests(ITestOutputHelper output) : StorageContractTests(output)
{
    protected override StorageTarget? CreateTarget() =>
        Servers.Url(Servers.MySql, Output) is { } url ? new MySqlTarget(url) : null;
}

public sealed class RedisJournalContractTests(ITestOutputHelper output) : StorageContractTests(output)
{
    protected override StorageTarget? CreateTarget() =>
        Servers.Url(Servers.Redis, Output) is { } url ? new RedisTarget(url) : null;
}
