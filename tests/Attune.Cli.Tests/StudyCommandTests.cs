using System.Text.Json;

namespace Attune.Cli.Tests;

/// <summary>create-study, delete-study, copy-study, studies and the error paths every command shares.</summary>
public sealed class StudyCommandTests
{
    [Fact]
    public async Task Create_list_copy_and_delete_a_study()
    {
        using var dir = new TempDirectory();
        var storage = "journal:" + dir.File("a.journal");
        var other = "journal:" + dir.File("b.journal");

        var created = await CliProcess.RunAsync(dir.Path, "create-study", "--study", "s1", "--storage", storage, "--direction", "maximize");
        Assert.Equal(0, created.ExitCode);
        Assert.Equal("s1", created.Out.Trim());

        var duplicate = await CliProcess.RunAsync(dir.Path, "create-study", "--study", "s1", "--storage", storage);
        Assert.Equal(4, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error);
        Assert.Contains("--skip-if-exists", duplicate.Error);

        var skipped = await CliProcess.RunAsync(dir.Path, "create-study", "--study", "s1", "--storage", storage, "--skip-if-exists", "--direction", "maximize");
        Assert.Equal(0, skipped.ExitCode);

        var generated = await CliProcess.RunAsync(dir.Path, "create-study", "--storage", storage, "--directions", "minimize", "maximize");
        Assert.Equal(0, generated.ExitCode);
        Assert.StartsWith("no-name-", generated.Out.Trim());

        var copied = await CliProcess.RunAsync(dir.Path, "copy-study", "--study", "s1", "--from-storage", storage, "--to-storage", other, "--to-study", "s2");
        Assert.Equal(0, copied.ExitCode);
        Assert.Equal("s2", copied.Out.Trim());

        var listed = await CliProcess.RunAsync(dir.Path, "studies", "--storage", other, "-f", "json");
        using (var json = JsonDocument.Parse(listed.Out))
        {
            var study = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal("s2", study.GetProperty("name").GetString());
            Assert.Equal("MAXIMIZE", study.GetProperty("direction").GetString());
        }

        var deleted = await CliProcess.RunAsync(dir.Path, "delete-study", "--study", "s1", "--storage", storage);
        Assert.Equal(0, deleted.ExitCode);
        var names = await CliProcess.RunAsync(dir.Path, "study-names", "--storage", storage);
        Assert.DoesNotContain("s1", names.Out.Split('\n').Select(l => l.Trim()));

        var again = await CliProcess.RunAsync(dir.Path, "delete-study", "--study", "s1", "--storage", storage);
        Assert.Equal(3, again.ExitCode);
    }

    [Fact]
    public async Task A_missing_study_exits_3_and_names_the_studies_there()
    {
        using var dir = new TempDirectory();
        var storage = dir.FixtureStorage();
        var result = await CliProcess.RunAsync(dir.Path, "trials", "--study", "nope", "--storage", storage);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no study named 'nope'", result.Error);
        Assert.Contains("'single', 'multi'", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("foo:bar", "Unknown storage scheme 'foo:'")]
    [InlineData("no-colon", "is not a storage URL")]
    [InlineData("journal:", "names no file")]
    [InlineData("sqlite:x.db", "needs the Attune.Storage.Sqlite package")]
    public async Task A_wrong_storage_URL_exits_6_with_a_clear_message(string url, string message)
    {
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(dir.Path, "studies", "--storage", url);
        Assert.Equal(6, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("(Parameter", result.Error);
    }

    [Fact]
    public async Task Reading_a_journal_that_does_not_exist_exits_6_and_creates_nothing()
    {
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(dir.Path, "studies", "--storage", "journal:" + dir.File("none.journal"));
        Assert.Equal(6, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
        Assert.False(File.Exists(dir.File("none.journal")));
    }

    [Fact]
    public async Task No_storage_at_all_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(dir.Path, "studies");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ATTUNE_STORAGE", result.Error);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("trials", "--storage", "journal:x")]
    [InlineData("trials", "-s", "x", "--storage", "journal:x", "--nope")]
    [InlineData("tell", "-s", "x", "--storage", "journal:x", "-n", "notanumber", "--values", "1")]
    public async Task Command_line_mistakes_exit_2_with_a_hint(params string[] arguments)
    {
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(dir.Path, arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("attune: error:", result.Error);
        Assert.Contains("--help", result.Error);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(dir.Path, "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "create-study", "delete-study", "copy-study", "studies", "study-names", "trials", "best-trial", "best-trials", "ask", "tell", "enqueue", "export", "storage", "plot", "report", "run" })
        {
            Assert.Contains(command, result.Out);
        }
    }

    [Fact]
    public async Task Storage_upgrade_on_a_journal_reports_nothing_to_do()
    {
        using var dir = new TempDirectory();
        var storage = dir.FixtureStorage();
        var result = await CliProcess.RunAsync(dir.Path, "storage", "upgrade", "--storage", storage);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nothing to upgrade", result.Out);
    }

    [Fact]
    public async Task Best_trial_of_a_study_without_complete_trials_exits_7()
    {
        using var dir = new TempDirectory();
        var storage = "journal:" + dir.File("e.journal");
        await CliProcess.RunAsync(dir.Path, "create-study", "-s", "empty", "--storage", storage);
        var result = await CliProcess.RunAsync(dir.Path, "best-trial", "-s", "empty", "--storage", storage);
        Assert.Equal(7, result.ExitCode);
        Assert.Contains("no complete trial", result.Error);
        var multi = await CliProcess.RunAsync(dir.Path, "best-trial", "-s", "multi", "--storage", dir.FixtureStorage());
        Assert.Equal(5, multi.ExitCode);
        Assert.Contains("best-trials", multi.Error);
    }
}
