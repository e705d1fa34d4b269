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
        StorageTarget.OnServer("postgres", Output);
}

public sealed class MySqlContractTests(ITestOutputHelper output) : StorageContractTests(output)
{
    protected override StorageTarget? CreateTarget() =>
        StorageTarget.OnServer("mysql", Output);
}

public sealed class RedisJournalContractTests(ITestOutputHelper output) : StorageContractTests(output)
{
    protected override StorageTarget? CreateTarget() =>
        StorageTarget.OnServer("redis", Output);
}
