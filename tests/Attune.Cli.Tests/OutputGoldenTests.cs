namespace Attune.Cli.Tests;

/// <summary>The tool's printed results on a fixed study (Fixtures/studies.journal.log, times fixed, TZ=UTC) against golden files.</summary>
public sealed class OutputGoldenTests
{
    [Theory]
    [InlineData("trials-single.txt", "trials", "-s", "single")]
    [InlineData("trials-single.json", "trials", "-s", "single", "-f", "json")]
    [InlineData("trials-single.csv", "trials", "-s", "single", "-f", "csv")]
    [InlineData("trials-single-pruned.txt", "trials", "-s", "single", "--state", "pruned")]
    [InlineData("trials-multi.txt", "trials", "-s", "multi")]
    [InlineData("best-trial.txt", "best-trial", "-s", "single")]
    [InlineData("best-trial.json", "best-trial", "-s", "single", "-f", "json")]
    [InlineData("best-trials-multi.json", "best-trials", "-s", "multi", "-f", "json")]
    [InlineData("studies.txt", "studies")]
    [InlineData("studies.json", "studies", "-f", "json")]
    [InlineData("studies.csv", "studies", "-f", "csv")]
    [InlineData("study-names.txt", "study-names")]
    [InlineData("study-names.json", "study-names", "-f", "json")]
    [InlineData("export-single.json", "export", "-s", "single", "-f", "json")]
    [InlineData("export-single.csv", "export", "-s", "single")]
    public async Task Output_matches_the_golden_file(string golden, params string[] arguments)
    {
        using var dir = new TempDirectory();
        var storage = dir.FixtureStorage();
        var result = await CliProcess.RunAsync(dir.Path, [.. arguments, "--storage", storage]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Golden.Verify(golden, result.Out);
    }

    [Fact]
    public async Task The_storage_comes_from_ATTUNE_STORAGE_when_no_option_is_given()
    {
        using var dir = new TempDirectory();
        var storage = dir.FixtureStorage();
        var result = await CliProcess.RunAsync(dir.Path, new Dictionary<string, string> { ["ATTUNE_STORAGE"] = storage }, "study-names");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("single\nmulti\n", result.Out.ReplaceLineEndings("\n"));
    }
}
