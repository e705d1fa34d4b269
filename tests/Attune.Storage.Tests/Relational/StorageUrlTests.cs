using Attune.Storage.MySql;
using Attune.Storage.Postgres;
using Attune.Storage.Redis;
using Attune.Storage.Relational;
using Attune.Storage.Sqlite;

namespace Attune.Storage.Tests.Relational;

/// <summary>Storage URLs: what each scheme accepts, and clear errors that never show a password.</summary>
public sealed class StorageUrlTests
{
    [Theory]
    [InlineData("sqlite:study.db", "study.db")]
    [InlineData("sqlite:///study.db", "study.db")]
    [InlineData("sqlite:////tmp/x/study.db", "/tmp/x/study.db")]
    [InlineData("SQLITE:/abs/s.db", "/abs/s.db")]
    public void Sqlite_urls_name_a_file(string url, string path) => Assert.Equal(path, SqliteStorageProvider.ParsePath(url));

    [Theory]
    [InlineData("sqlite:")]
    [InlineData("sqlite:///")]
    [InlineData("sqlite://host/db")]
    public void Malformed_sqlite_urls_are_rejected_with_the_url(string url)
    {
        var e = Assert.Throws<ArgumentException>(() => StorageUrl.Open(url));
        Assert.Contains(url, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sqlite_file_in_a_missing_directory_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => StorageUrl.Open("sqlite:/no/such/dir/s.db"));
        Assert.Contains("/no/such/dir/s.db", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_urls_are_parsed_like_SQLAlchemy()
    {
        var url = DatabaseUrl.Parse("postgresql://us%40er:p%3Ass%2Fw@db.example:6543/hpo?Maximum%20Pool%20Size=5", ["postgresql"], 5432);
        Assert.Equal(("db.example", 6543, "hpo", "us@er", "p:ss/w"), (url.Host, url.Port, url.Database, url.User, url.Password));
        Assert.Equal([new KeyValuePair<string, string>("Maximum Pool Size", "5")], url.Options);
        Assert.Equal(5432, DatabaseUrl.Parse("postgresql://h/db", ["postgresql"], 5432).Port);
        Assert.Null(DatabaseUrl.Parse("postgresql://h/db", ["postgresql"], 5432).Password);
        Assert.Contains("Maximum Pool Size=5", PostgresStorageProvider.ConnectionString("postgres://u:p@h/db?Maximum%20Pool%20Size=5"), StringComparison.Ordinal);
        Assert.Contains("Port=3306", MySqlStorageProvider.ConnectionString("mysql+pymysql://u:p@h/db?charset=utf8mb4"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://u:hunter2@h:5432")]
    [InlineData("postgresql://u:hunter2@:5432/db")]
    [InlineData("postgresql://u:hunter2@h:notaport/db")]
    [InlineData("postgresql://u:hunter2@h/db?Bogus%20Keyword=1")]
    [InlineData("mysql://u:hunter2@h/db/extra")]
    [InlineData("redis://:hunter2@h:6379/notanumber")]
    [InlineData("redis://:hunter2@h:6379/0?what=1")]
    public void Malformed_server_urls_are_rejected_without_showing_the_password(string url)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => StorageUrl.Open(url));
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.Contains("***", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_is_a_clear_error_naming_the_redacted_url()
    {
        if (Servers.Url(Servers.Postgres, null) is not { } server)
        {
            return;
        }

        var wrong = server.Replace(":attune-test-pw@", ":hunter2@", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidOperationException>(() => StorageUrl.Open(wrong));
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.Contains("***", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_server_is_a_clear_error_within_the_retry_timeout()
    {
        var dialect = new PostgresDialect(PostgresStorageProvider.ConnectionString("postgresql://u:hunter2@127.0.0.1:1/db"), StorageUrl.Redact("postgresql://u:hunter2@127.0.0.1:1/db"));
        var e = Assert.Throws<TimeoutException>(() => RelationalStorage.Open(dialect, new RelationalStorageOptions { RetryTimeout = TimeSpan.FromSeconds(1) }));
        Assert.Contains("postgresql://u:***@127.0.0.1:1/db", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);

        var redis = Assert.Throws<InvalidOperationException>(() => RedisStorage.Open("redis://:hunter2@127.0.0.1:1/0"));
        Assert.Contains("redis://:***@127.0.0.1:1/0", redis.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", redis.Message, StringComparison.Ordinal);
    }
}
