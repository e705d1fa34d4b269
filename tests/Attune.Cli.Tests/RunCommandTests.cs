using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Attune.Cli.Tests;

/// <summary><c>attune run</c> against small bash programs: results, pruning (and the kill of a pruned tree), timeouts, parallel runs, resuming.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task A_bad_trial_is_pruned_from_its_step_lines_and_its_whole_process_tree_is_killed()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("steps.sh");
        var storage = "journal:" + dir.File("s.journal");
        File.WriteAllText(dir.File("space.json"), """{"x": {"type": "float", "low": -10, "high": 10}}""");
        await CliProcess.RunAsync(dir.Path, "create-study", "-s", "p", "--storage", storage);
        await CliProcess.RunAsync(dir.Path, "enqueue", "-s", "p", "--storage", storage, "--params", """{"x": 1}""");
        await CliProcess.RunAsync(dir.Path, "enqueue", "-s", "p", "--storage", storage, "--params", """{"x": 9}""");
        var env = new Dictionary<string, string> { ["MARKER_DIR"] = dir.Path, ["PAUSE"] = "0.4" };

        var clock = Stopwatch.StartNew();
        var run = await CliProcess.RunAsync(dir.Path, env, "run", "-s", "p", "--storage", storage, "--space", dir.File("space.json"), "--trials", "2",
            "--pruner", "median:startup_trials=1", "-f", "json", "--", script);
        Assert.True(run.ExitCode == 0, run.ToString());

        var trials = await Trials(dir, storage, "p");
        Assert.Equal("COMPLETE", trials[0].GetProperty("state").GetString());
        Assert.Equal(0, trials[0].GetProperty("value").GetDouble());
        Assert.Equal("PRUNED", trials[1].GetProperty("state").GetString());
        Assert.True(File.Exists(dir.File("done-0")));
        Assert.False(File.Exists(dir.File("done-1")), "the pruned program ran to its end");
        var child = int.Parse(File.ReadAllText(dir.File("child-1.pid")).Trim(), CultureInfo.InvariantCulture);
        Assert.False(IsAlive(child), $"the pruned program's child {child} is still running");
        Assert.Contains("trial 1 pruned at step 0", run.Error);

        using var best = JsonDocument.Parse(run.Out);
        Assert.Equal(0, best.RootElement.GetProperty("number").GetInt32());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_trial_over_its_timeout_is_killed_and_failed()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("sleepy.sh");
        File.WriteAllText(dir.File("space.json"), """{"x": [1, 2]}""");
        var storage = "journal:" + dir.File("s.journal");
        var clock = Stopwatch.StartNew();
        var run = await CliProcess.RunAsync(dir.Path, "run", "-s", "t", "--storage", storage, "--space", dir.File("space.json"), "--trials", "2", "--trial-timeout", "1s", "--", script);
        Assert.Equal(8, run.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed}");
        var trials = await Trials(dir, storage, "t", full: true);
        Assert.All(trials, t => Assert.Equal("FAIL", t.GetProperty("state").GetString()));
        Assert.Contains("timed out after 1 s", trials[0].GetProperty("system_attrs").GetProperty("fail_reason").GetString());
    }

    [Fact]
    public async Task A_failing_program_fails_its_trials_with_its_error_and_the_run_exits_8()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("fails.sh");
        File.WriteAllText(dir.File("space.yaml"), "x: [1, 2]\n");
        var storage = "journal:" + dir.File("s.journal");
        var run = await CliProcess.RunAsync(dir.Path, "run", "-s", "f", "--storage", storage, "--space", dir.File("space.yaml"), "--trials", "2", "--", script);
        Assert.Equal(8, run.ExitCode);
        Assert.Contains("exited with code 3: boom: the model diverged", run.Error);
    }

    [Fact]
    public async Task A_program_that_does_not_exist_exits_9()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("space.yaml"), "x: [1, 2]\n");
        var run = await CliProcess.RunAsync(dir.Path, "run", "-s", "f", "--storage", "journal:" + dir.File("s.journal"), "--space", dir.File("space.yaml"), "--trials", "2", "--", dir.File("missing-program"));
        Assert.Equal(9, run.ExitCode);
    }

    [Fact]
    public async Task A_JSON_value_line_is_the_result_and_the_parameters_come_as_arguments_and_ATTUNE_PARAMS()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("json-value.sh");
        File.WriteAllText(dir.File("space.yaml"), "a:\n  type: int\n  low: 1\n  high: 3\nmode: ['fast', 'slow']\n");
        var storage = "journal:" + dir.File("s.journal");
        var run = await CliProcess.RunAsync(dir.Path, "run", "-s", "j", "--storage", storage, "--space", dir.File("space.yaml"), "--trials", "3", "--show-output", "--direction", "maximize", "--", script);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches("""\[trial 0\] params: \{"a":[123],"mode":"(fast|slow)"\}""", run.Error);
        foreach (var trial in await Trials(dir, storage, "j"))
        {
            Assert.Equal(trial.GetProperty("params").GetProperty("a").GetInt32() * 2.0, trial.GetProperty("value").GetDouble());
        }
    }

    [Fact]
    public async Task Trials_run_in_parallel()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("wait-one-second.sh");
        File.WriteAllText(dir.File("space.yaml"), "x: {type: float, low: 0, high: 1}\n");
        var storage = "journal:" + dir.File("s.journal");
        var clock = Stopwatch.StartNew();
        var run = await CliProcess.RunAsync(dir.Path, "run", "-s", "par", "--storage", storage, "--space", dir.File("space.yaml"), "--trials", "6", "--parallel", "3", "--", script);
        Assert.True(run.ExitCode == 0, run.ToString());
        var trials = await Trials(dir, storage, "par");
        Assert.Equal(6, trials.Count);
        var spans = trials.Select(t => (Start: t.GetProperty("datetime_start").GetDateTimeOffset(), End: t.GetProperty("datetime_complete").GetDateTimeOffset())).ToList();
        var mostAtOnce = spans.Max(s => spans.Count(o => o.Start < s.End && s.Start < o.End));
        Assert.True(mostAtOnce >= 2, $"at most {mostAtOnce} trial(s) ran at once");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6 + 10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_run_resumes_its_study_and_total_trials_counts_earlier_runs()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("json-value.sh");
        File.WriteAllText(dir.File("space.yaml"), "a: {type: int, low: 1, high: 9}\n");
        var storage = "journal:" + dir.File("s.journal");
        string[] Run(params string[] extra) => ["run", "-s", "r", "--storage", storage, "--space", dir.File("space.yaml"), .. extra, "--", script];
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, Run("--trials", "2"))).ExitCode);
        var second = await CliProcess.RunAsync(dir.Path, Run("--total-trials", "5"));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Continuing study 'r' (2 finished trials)", second.Error);
        Assert.Equal(5, (await Trials(dir, storage, "r")).Count);
        var third = await CliProcess.RunAsync(dir.Path, Run("--total-trials", "5"));
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("nothing to run", third.Error);
    }

    [Fact]
    public async Task A_multi_objective_run_reads_a_values_line_and_prints_the_Pareto_front()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("multi.sh");
        File.WriteAllText(dir.File("space.yaml"), "a: {type: float, low: -1, high: 1}\n");
        var storage = "journal:" + dir.File("s.journal");
        var run = await CliProcess.RunAsync(dir.Path, "run", "-s", "m", "--storage", storage, "--space", dir.File("space.yaml"), "--trials", "6", "--directions", "minimize", "maximize", "-f", "csv", "--", script);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("number,values_0,values_1", run.Out);
        var trials = await Trials(dir, storage, "m");
        Assert.All(trials, t => Assert.Equal(2, t.GetProperty("values").GetArrayLength()));
    }

    [Fact]
    public async Task A_grid_run_stops_when_the_grid_is_done()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("json-value.sh");
        File.WriteAllText(dir.File("space.json"), """{"a": {"type": "int", "low": 1, "high": 3}, "mode": ["x", "y"]}""");
        var storage = "journal:" + dir.File("s.journal");
        var run = await CliProcess.RunAsync(dir.Path, "run", "-s", "g", "--storage", storage, "--space", dir.File("space.json"), "--sampler", "grid", "--seed", "1", "--parallel", "2", "--", script);
        Assert.True(run.ExitCode == 0, run.ToString());
        var trials = await Trials(dir, storage, "g");
        Assert.Equal(6, trials.Count(t => t.GetProperty("state").GetString() == "COMPLETE"));
        Assert.Equal(6, trials.Select(t => t.GetProperty("params").ToString()).Distinct().Count());
    }

    [Fact]
    public async Task An_auto_run_starts_at_random_and_goes_on_with_the_Gaussian_process()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("json-value.sh");
        File.WriteAllText(dir.File("space.yaml"), "a: {type: float, low: 0, high: 4}\n");
        var storage = "journal:" + dir.File("s.journal");
        var run = await CliProcess.RunAsync(dir.Path, "run", "-s", "auto", "--storage", storage, "--space", dir.File("space.yaml"), "--trials", "4",
            "--sampler", "auto:startup_trials=2", "--seed", "3", "--", script);
        Assert.True(run.ExitCode == 0, run.ToString());
        var trials = await Trials(dir, storage, "auto", full: true);
        Assert.All(trials, t => Assert.Equal("COMPLETE", t.GetProperty("state").GetString()));
        Assert.Equal(
            ["Startup", "Startup", "GaussianProcess", "GaussianProcess"],
            trials.Select(t => t.GetProperty("system_attrs").GetProperty(Attune.Samplers.AutoSampler.ChoiceKey).GetString()));
    }

    [Fact]
    public async Task A_hyperband_run_prunes_trials_at_its_rungs()
    {
        using var dir = new TempDirectory();
        var script = dir.Script("steps.sh");
        File.WriteAllText(dir.File("space.json"), """{"x": {"type": "float", "low": -10, "high": 10}}""");
        var storage = "journal:" + dir.File("s.journal");
        var env = new Dictionary<string, string> { ["MARKER_DIR"] = dir.Path, ["PAUSE"] = "0.01" };
        var run = await CliProcess.RunAsync(dir.Path, env, "run", "-s", "hb", "--storage", storage, "--space", dir.File("space.json"), "--trials", "8",
            "--pruner", "hyperband:max_resource=5,reduction_factor=3", "--seed", "1", "--", script);
        Assert.True(run.ExitCode == 0, run.ToString());
        var states = (await Trials(dir, storage, "hb")).Select(t => t.GetProperty("state").GetString()).ToList();
        Assert.Equal(8, states.Count);
        Assert.All(states, s => Assert.Contains(s, new[] { "COMPLETE", "PRUNED" }));
        Assert.Contains("PRUNED", states);
        Assert.Contains("COMPLETE", states);
    }

    [Fact]
    public async Task Run_without_a_budget_or_with_a_bad_space_file_is_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("space.yaml"), "a: {type: int, low: 1}\n");
        var noBudget = await CliProcess.RunAsync(dir.Path, "run", "-s", "x", "--storage", "journal:" + dir.File("s.journal"), "--space", dir.File("space.yaml"), "--", "true");
        Assert.Equal(2, noBudget.ExitCode);
        Assert.Contains("--trials", noBudget.Error);
        var badSpace = await CliProcess.RunAsync(dir.Path, "run", "-s", "x", "--storage", "journal:" + dir.File("s.journal"), "--space", dir.File("space.yaml"), "--trials", "1", "--", "true");
        Assert.Equal(5, badSpace.ExitCode);
        Assert.Contains("parameter 'a': \"high\" is missing", badSpace.Error);
        var missing = await CliProcess.RunAsync(dir.Path, "run", "-s", "x", "--storage", "journal:" + dir.File("s.journal"), "--space", dir.File("nope.yaml"), "--trials", "1", "--", "true");
        Assert.Equal(5, missing.ExitCode);
        Assert.Contains("cannot read the search space file", missing.Error);
    }

    private static async Task<List<JsonElement>> Trials(TempDirectory dir, string storage, string study, bool full = false)
    {
        var result = full
            ? await CliProcess.RunAsync(dir.Path, "export", "-s", study, "--storage", storage, "-f", "json")
            : await CliProcess.RunAsync(dir.Path, "trials", "-s", study, "--storage", storage, "-f", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Whether a process exists and is not a zombie waiting to be reaped.</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
