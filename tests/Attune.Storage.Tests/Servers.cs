using Xunit.Abstractions;

namespace Attune.Storage.Tests;

/// <summary>
/// The database servers the tests use, from environment variables that <c>.ci/start-servers</c> prints:
/// ATTUNE_TEST_POSTGRES_URL, ATTUNE_TEST_MYSQL_URL, ATTUNE_TEST_REDIS_URL, ATTUNE_TEST_SERVERS_SCRIPT. A missing one fails the test when
/// ATTUNE_REQUIRE_SERVERS=1 (as in CI); otherwise the test returns early and says why.
/// </summary>
internal static class Servers
{
    public const string Postgres = "ATTUNE_TEST_POSTGRES_URL";
    public const string MySql = "ATTUNE_TEST_MYSQL_URL";
    public const string Redis = "ATTUNE_TEST_REDIS_URL";

    /// <summary>The path of <c>.ci/start-servers</c>, which restarts a server with <c>restart NAME</c>.</summary>
    public const string Script = "ATTUNE_TEST_SERVERS_SCRIPT";

    /// <summary>The server URL (or script path) in <paramref name="variable"/>, or <see langword="null"/> (with a message) when it is not set outside CI.</summary>
    public static string? Url(string variable, ITestOutputHelper? output)
    {
        var url = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(url))
        {
            return url;
        }

        var message = $"{variable} is not set, so this test did not run; start the servers with 'eval \"$(bash .ci/start-servers)\"'.";
        Assert.False(Environment.GetEnvironmentVariable("ATTUNE_REQUIRE_SERVERS") == "1", message + " ATTUNE_REQUIRE_SERVERS=1 requires them.");
        output?.WriteLine(message);
        return null;
    }
}
