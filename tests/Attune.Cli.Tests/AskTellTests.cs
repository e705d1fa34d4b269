using System.Text.Json;

namespace Attune.Cli.Tests;

/// <summary>ask, tell and enqueue across separate processes sharing a journal.</summary>
public sealed class AskTellTests
{
    private const string Space = """{"x": {"type": "float", "low": -5, "high": 5}, "n": {"type": "int", "low": 1, "high": 4}, "c": ["a", "b"]}""";

    [Fact]
    public async Task Ask_then_tell_round_trips_through_the_storage()
    {
        using var dir = new TempDirectory();
        var storage = "journal:" + dir.File("s.journal");
        for (var i = 0; i < 3; i++)
        {
            var asked = await CliProcess.RunAsync(dir.Path, "ask", "-s", "at", "--storage", storage, "--search-space", Space, "--sampler", "random", "--seed", "1");
            Assert.True(asked.ExitCode == 0, asked.ToString());
            using var json = JsonDocument.Parse(asked.Out);
            Assert.Equal(i, json.RootElement.GetProperty("number").GetInt32());
            var parameters = json.RootElement.GetProperty("params");
            var x = parameters.GetProperty("x").GetDouble();
            Assert.InRange(x, -5, 5);
            Assert.InRange(parameters.GetProperty("n").GetInt32(), 1, 4);
            Assert.Contains(parameters.GetProperty("c").GetString(), new[] { "a", "b" });
            var told = await CliProcess.RunAsync(dir.Path, "tell", "-s", "at", "--storage", storage, "-n", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "--values", (x * x).ToString("R", System.Globalization.CultureInfo.InvariantCulture), "-f", "json");
            Assert.True(told.ExitCode == 0, told.ToString());
            using var record = JsonDocument.Parse(told.Out);
            Assert.Equal("COMPLETE", record.RootElement[0].GetProperty("state").GetString());
            Assert.Equal(x * x, record.RootElement[0].GetProperty("value").GetDouble());
        }

        var best = await CliProcess.RunAsync(dir.Path, "best-trial", "-s", "at", "--storage", storage, "-f", "json");
        Assert.Equal(0, best.ExitCode);
        using var bestJson = JsonDocument.Parse(best.Out);
        Assert.Equal("COMPLETE", bestJson.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Tell_pruned_fail_twice_and_unknown_numbers()
    {
        using var dir = new TempDirectory();
        var storage = "journal:" + dir.File("s.journal");
        await CliProcess.RunAsync(dir.Path, "ask", "-s", "t", "--storage", storage, "--search-space", Space);
        await CliProcess.RunAsync(dir.Path, "ask", "-s", "t", "--storage", storage, "--search-space", Space);

        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "tell", "-s", "t", "--storage", storage, "-n", "0", "--state", "pruned")).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "tell", "-s", "t", "--storage", storage, "-n", "1", "--state", "fail")).ExitCode);

        var twice = await CliProcess.RunAsync(dir.Path, "tell", "-s", "t", "--storage", storage, "-n", "0", "--values", "1");
        Assert.Equal(5, twice.ExitCode);
        Assert.Contains("already finished", twice.Error);
        var skipped = await CliProcess.RunAsync(dir.Path, "tell", "-s", "t", "--storage", storage, "-n", "0", "--values", "1", "--skip-if-finished");
        Assert.Equal(0, skipped.ExitCode);

        var unknown = await CliProcess.RunAsync(dir.Path, "tell", "-s", "t", "--storage", storage, "-n", "9", "--values", "1");
        Assert.Equal(7, unknown.ExitCode);
        Assert.Contains("no trial 9", unknown.Error);

        var noValues = await CliProcess.RunAsync(dir.Path, "tell", "-s", "t", "--storage", storage, "-n", "1");
        Assert.Equal(2, noValues.ExitCode);
        var nan = await CliProcess.RunAsync(dir.Path, "tell", "-s", "t", "--storage", storage, "-n", "1", "--values", "nan");
        Assert.Equal(5, nan.ExitCode);

        var states = await CliProcess.RunAsync(dir.Path, "trials", "-s", "t", "--storage", storage, "-f", "csv");
        Assert.Contains(",PRUNED", states.Out);
        Assert.Contains(",FAIL", states.Out);
    }

    [Theory]
    [InlineData("""{"x": """, "not valid JSON")]
    [InlineData("""{"x": {"type": "float", "low": 5, "high": 1}}""", "parameter 'x': low must be <= high")]
    [InlineData("""{"x": {"type": "gaussian"}}""", "unknown type \"gaussian\"")]
    [InlineData("""{"x": {"type": "int", "low": 1, "high": 3, "steps": 2}}""", "unknown key \"steps\"")]
    [InlineData("""[1, 2]""", "must be an object")]
    public async Task A_bad_search_space_exits_5_and_says_what_is_wrong(string space, string message)
    {
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(dir.Path, "ask", "-s", "t", "--storage", "journal:" + dir.File("s.journal"), "--search-space", space);
        Assert.Equal(5, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Ask_accepts_Optuna_distribution_JSON_and_a_YAML_file()
    {
        using var dir = new TempDirectory();
        var storage = "journal:" + dir.File("s.journal");
        var optuna = """{"lr": {"name": "FloatDistribution", "attributes": {"low": 0.001, "high": 0.1, "log": true, "step": null}}}""";
        var asked = await CliProcess.RunAsync(dir.Path, "ask", "-s", "o", "--storage", storage, "--search-space", optuna);
        Assert.True(asked.ExitCode == 0, asked.ToString());
        using (var json = JsonDocument.Parse(asked.Out))
        {
            Assert.InRange(json.RootElement.GetProperty("params").GetProperty("lr").GetDouble(), 0.001, 0.1);
        }

        File.WriteAllText(dir.File("space.yaml"), "lr:\n  type: float\n  low: 0.001\n  high: 0.1\n  log: true\nlayers: [1, 2, 3]\n");
        var yaml = await CliProcess.RunAsync(dir.Path, "ask", "-s", "o", "--storage", storage, "--search-space", "@" + dir.File("space.yaml"), "-f", "csv");
        Assert.True(yaml.ExitCode == 0, yaml.ToString());
        Assert.StartsWith("number,params_lr,params_layers", yaml.Out);
    }

    [Fact]
    public async Task An_enqueued_trial_is_what_the_next_ask_gets()
    {
        using var dir = new TempDirectory();
        var storage = "journal:" + dir.File("s.journal");
        await CliProcess.RunAsync(dir.Path, "create-study", "-s", "q", "--storage", storage);
        var enqueued = await CliProcess.RunAsync(dir.Path, "enqueue", "-s", "q", "--storage", storage, "--params", """{"x": 1.5, "n": 2, "c": "b"}""");
        Assert.True(enqueued.ExitCode == 0, enqueued.ToString());
        var again = await CliProcess.RunAsync(dir.Path, "enqueue", "-s", "q", "--storage", storage, "--params", """{"x": 1.5, "n": 2, "c": "b"}""", "--skip-if-exists");
        Assert.Contains("nothing enqueued", again.Error);
        var asked = await CliProcess.RunAsync(dir.Path, "ask", "-s", "q", "--storage", storage, "--search-space", Space);
        using var json = JsonDocument.Parse(asked.Out);
        var parameters = json.RootElement.GetProperty("params");
        Assert.Equal(1.5, parameters.GetProperty("x").GetDouble());
        Assert.Equal(2, parameters.GetProperty("n").GetInt32());
        Assert.Equal("b", parameters.GetProperty("c").GetString());

        var bad = await CliProcess.RunAsync(dir.Path, "enqueue", "-s", "q", "--storage", storage, "--params", "[1]");
        Assert.Equal(5, bad.ExitCode);
    }

    [Fact]
    public async Task Unknown_samplers_pruners_and_options_exit_5()
    {
        using var dir = new TempDirectory();
        var storage = "journal:" + dir.File("s.journal");
        var sampler = await CliProcess.RunAsync(dir.Path, "ask", "-s", "t", "--storage", storage, "--search-space", Space, "--sampler", "magic");
        Assert.Equal(5, sampler.ExitCode);
        Assert.Contains("unknown sampler 'magic'; known samplers: tpe, gp, cmaes, auto, nsga2, nsga3, random, qmc, grid, brute-force.", sampler.Error);
        var option = await CliProcess.RunAsync(dir.Path, "ask", "-s", "t", "--storage", storage, "--search-space", Space, "--sampler", "random:sed=3");
        Assert.Equal(5, option.ExitCode);
        Assert.Contains("random has no option sed", option.Error);
        var grid = await CliProcess.RunAsync(dir.Path, "ask", "-s", "t", "--storage", storage, "--search-space", Space, "--sampler", "grid");
        Assert.Equal(5, grid.ExitCode);
        Assert.Contains("give it a step or make it categorical", grid.Error);
    }
}
