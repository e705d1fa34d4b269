using System.Text.Json;

namespace Attune.Cli.Tests;

/// <summary><c>attune plot</c> and <c>attune report</c> write figure files.</summary>
public sealed class PlotCommandTests
{
    [Theory]
    [InlineData("history", "single", "svg")]
    [InlineData("intermediate", "single", "svg")]
    [InlineData("parallel-coordinate", "single", "html")]
    [InlineData("contour", "single", "svg")]
    [InlineData("slice", "single", "json")]
    [InlineData("edf", "single", "svg")]
    [InlineData("timeline", "single", "svg")]
    [InlineData("rank", "single", "svg")]
    [InlineData("pareto-front", "multi", "svg")]
    public async Task Plot_writes_the_figure_in_the_format_of_the_extension(string kind, string study, string extension)
    {
        using var dir = new TempDirectory();
        var storage = dir.FixtureStorage();
        var path = dir.File($"figure.{extension}");
        var result = await CliProcess.RunAsync(dir.Path, "plot", kind, "-s", study, "--storage", storage, "-o", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(path);
        switch (extension)
        {
            case "svg":
                Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", text);
                Assert.EndsWith("</svg>\n", text);
                break;
            case "html":
                Assert.StartsWith("<!DOCTYPE html>", text);
                Assert.Contains("Plotly.newPlot(", text);
                Assert.DoesNotContain("<script src=", text);
                break;
            default:
                using (var json = JsonDocument.Parse(text))
                {
                    Assert.Equal(kind, json.RootElement.GetProperty("kind").GetString());
                }

                break;
        }
    }

    [Fact]
    public async Task Importances_and_hypervolume_take_their_inputs_from_options_or_the_study()
    {
        using var dir = new TempDirectory();
        var storage = dir.FixtureStorage();
        var importances = await CliProcess.RunAsync(dir.Path, "plot", "importances", "-s", "single", "--storage", storage, "--importances", """{"x": 0.8, "n": 0.15, "kind": 0.05}""", "-o", dir.File("i.json"));
        Assert.True(importances.ExitCode == 0, importances.ToString());
        Assert.Contains("\"kind\": \"param-importances\"", File.ReadAllText(dir.File("i.json")));
        var computed = await CliProcess.RunAsync(dir.Path, "plot", "importances", "-s", "single", "--storage", storage);
        Assert.True(computed.ExitCode == 0, computed.ToString());
        Assert.True(File.Exists(dir.File("single-importances.html")));
        var hypervolume = await CliProcess.RunAsync(dir.Path, "plot", "hypervolume", "-s", "multi", "--storage", storage, "--reference-point", "1", "0", "-o", dir.File("h.svg"));
        Assert.True(hypervolume.ExitCode == 0, hypervolume.ToString());
        var unknown = await CliProcess.RunAsync(dir.Path, "plot", "pie", "-s", "single", "--storage", storage);
        Assert.Equal(2, unknown.ExitCode);
        var extension = await CliProcess.RunAsync(dir.Path, "plot", "history", "-s", "single", "--storage", storage, "-o", dir.File("x.png"));
        Assert.Equal(2, extension.ExitCode);
        Assert.Contains(".html, .svg or .json", extension.Error);
    }

    [Fact]
    public async Task Report_writes_one_offline_page_with_the_best_trial()
    {
        using var dir = new TempDirectory();
        var storage = dir.FixtureStorage();
        var result = await CliProcess.RunAsync(dir.Path, "report", "-s", "single", "--storage", storage);
        Assert.True(result.ExitCode == 0, result.ToString());
        var html = File.ReadAllText(dir.File("single-report.html"));
        Assert.Contains("<h1>single</h1>", html);
        Assert.Contains("Best trial", html);
        Assert.True(html.Split("class=\"attune-figure\"").Length - 1 >= 6);
    }
}
