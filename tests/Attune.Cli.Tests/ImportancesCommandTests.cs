using System.Text.Json;

namespace Attune.Cli.Tests;

/// <summary><c>attune importances</c>, and <c>plot importances</c> and <c>report</c> computing importances from the study.</summary>
public sealed class ImportancesCommandTests
{
    /// <summary>
    /// A journal study of 40 trials minimizing 10·width + 0.1·alpha over a grid of the unit square: width dominates,
    /// and it sorts after alpha, so an order by name would put it second.
    /// </summary>
    private static string DominantStudy(TempDirectory dir)
    {
        var url = "journal:" + dir.File("dominant.journal");
        using var study = Study.Create(new StudyOptions { Name = "dominant", Storage = url });
        for (var i = 0; i < 40; i++)
        {
            var width = ((i * 7) % 40 + 0.5) / 40;
            var alpha = ((i * 13) % 40 + 0.5) / 40;
            study.AddTrial(Complete((10 * width) + (0.1 * alpha), ("alpha", alpha), ("width", width)));
        }

        return url;
    }

    /// <summary>Runs the tool and checks that it exits 0.</summary>
    private static async Task<CliResult> SucceedAsync(string directory, params string[] arguments)
    {
        var result = await CliProcess.RunAsync(directory, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>A complete trial with one value and float parameters in [0, 1].</summary>
    private static TrialRecord Complete(double value, params (string Name, double Value)[] parameters) => new()
    {
        State = TrialState.Complete,
        Values = [value],
        Params = parameters.ToDictionary(p => p.Name, p => (object?)p.Value),
        Distributions = parameters.ToDictionary(p => p.Name, Distribution (_) => new FloatDistribution(0, 1)),
    };

    [Fact]
    public async Task Importances_prints_the_dominant_parameter_first_as_a_table_and_as_json()
    {
        using var dir = new TempDirectory();
        var storage = DominantStudy(dir);

        var table = await SucceedAsync(dir.Path, "importances", "--storage", storage, "--study", "dominant");
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("param", lines[0]);
        Assert.Contains("importance", lines[0]);
        Assert.StartsWith("width", lines[2]);
        Assert.StartsWith("alpha", lines[3]);

        foreach (var evaluator in new[] { "ped-anova", "fanova", "mean-decrease-impurity" })
        {
            var json = await SucceedAsync(dir.Path, "importances", "--storage", storage, "--study", "dominant", "-f", "json", "--evaluator", evaluator, "--seed", "1");
            using var document = JsonDocument.Parse(json.Out);
            var shares = document.RootElement.EnumerateObject().ToList();
            Assert.Equal(["width", "alpha"], shares.Select(p => p.Name));
            Assert.True(shares[0].Value.GetDouble() > 0.8, $"{evaluator}: {json.Out}");
            Assert.Equal(1, shares.Sum(p => p.Value.GetDouble()), 9);
        }

        var csv = await SucceedAsync(dir.Path, "importances", "--storage", storage, "--study", "dominant", "-f", "csv", "--params", "alpha,width");
        Assert.StartsWith("param,importance\r\nwidth,", csv.Out);

        var one = await SucceedAsync(dir.Path, "importances", "--storage", storage, "--study", "dominant", "-f", "json", "--params", "alpha");
        using (var document = JsonDocument.Parse(one.Out))
        {
            Assert.Equal(["alpha"], document.RootElement.EnumerateObject().Select(p => p.Name));
        }

        var unknown = await CliProcess.RunAsync(dir.Path, "importances", "--storage", storage, "--study", "dominant", "--params", "depth");
        Assert.Equal(5, unknown.ExitCode);
        Assert.Contains("depth", unknown.Error);
    }

    [Fact]
    public async Task An_unknown_evaluator_is_a_usage_error_naming_it_and_the_evaluators()
    {
        using var dir = new TempDirectory();
        var storage = DominantStudy(dir);
        foreach (var arguments in new[]
        {
            new[] { "importances", "--storage", storage, "--study", "dominant", "--evaluator", "shap" },
            ["plot", "importances", "--storage", storage, "--study", "dominant", "--evaluator", "shap"],
            ["report", "--storage", storage, "--study", "dominant", "--evaluator", "shap"],
        })
        {
            var result = await CliProcess.RunAsync(dir.Path, arguments);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("'shap' is not an importance evaluator; use ped-anova, fanova or mean-decrease-impurity.", result.Error);
            Assert.Equal(string.Empty, result.Out);
        }

        Assert.Empty(Directory.GetFiles(dir.Path, "*.html"));
    }

    [Fact]
    public async Task Plot_importances_without_importances_computes_them_from_the_study()
    {
        using var dir = new TempDirectory();
        var storage = DominantStudy(dir);
        await SucceedAsync(dir.Path, "plot", "importances", "--storage", storage, "--study", "dominant");
        var page = File.ReadAllText(dir.File("dominant-importances.html"));
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("Plotly.newPlot(", page);
        Assert.Contains("Hyperparameter Importances", page);

        await SucceedAsync(dir.Path, "plot", "importances", "--storage", storage, "--study", "dominant", "--evaluator", "fanova", "--seed", "3", "-o", dir.File("i.json"));
        using var figure = JsonDocument.Parse(File.ReadAllText(dir.File("i.json")));
        var categories = figure.RootElement.GetProperty("panels")[0].GetProperty("y").GetProperty("categories").EnumerateArray().Select(c => c.GetString());
        Assert.Equal(["alpha", "width"], categories);
    }

    [Fact]
    public async Task A_multi_objective_study_needs_an_objective()
    {
        using var dir = new TempDirectory();
        var storage = dir.FixtureStorage();
        var missing = await CliProcess.RunAsync(dir.Path, "importances", "--storage", storage, "--study", "multi");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--objective", missing.Error);
        var picked = await SucceedAsync(dir.Path, "importances", "--storage", storage, "--study", "multi", "--objective", "1", "-f", "json");
        using var document = JsonDocument.Parse(picked.Out);
        Assert.Equal(1, document.RootElement.EnumerateObject().Sum(p => p.Value.GetDouble()), 9);
    }

    [Fact]
    public async Task Report_adds_the_computed_importance_figure_and_notes_when_it_cannot()
    {
        using var dir = new TempDirectory();
        var storage = DominantStudy(dir);
        var report = await SucceedAsync(dir.Path, "report", "--storage", storage, "--study", "dominant");
        Assert.Contains("Hyperparameter Importances", File.ReadAllText(dir.File("dominant-report.html")));
        Assert.DoesNotContain("No importance figure", report.Error);

        var url = "journal:" + dir.File("small.journal");
        using (var small = Study.Create(new StudyOptions { Name = "small", Storage = url }))
        {
            small.AddTrial(Complete(1.0, ("x", 0.5), ("y", 0.5)));
        }

        var skipped = await SucceedAsync(dir.Path, "report", "--storage", url, "--study", "small");
        Assert.Contains("No importance figure: the study has 1 complete trial(s)", skipped.Error);
        Assert.DoesNotContain("Hyperparameter Importances", File.ReadAllText(dir.File("small-report.html")));
    }
}
