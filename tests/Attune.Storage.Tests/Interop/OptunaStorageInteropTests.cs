using System.Diagnostics;
using System.Globalization;
using Attune.Pruners;
using Attune.Samplers;
using Attune.Storage.Relational;
using Attune.Storage.Sqlite;
using Attune.Storage.Tests.Contract;
using Xunit.Abstractions;

namespace Attune.Storage.Tests.Interop;

/// <summary>
/// Optuna itself (Debian's python3-optuna 3.1, through tests/interop/optuna_storage.py) reads the databases Attune
/// writes, writes trials Attune reads, and shares a SQLite study with a .NET worker at the same time. Without an
/// importable optuna these tests return early, unless ATTUNE_REQUIRE_OPTUNA=1 (as in CI).
/// </summary>
public sealed class OptunaStorageInteropTests(ITestOutputHelper output)
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public void The_Optuna_3_1_SQLite_fixture_loads_as_Optuna_reads_it()
    {
        using var dir = new TempDirectory();
        var path = dir.CopyFixture("optuna-3.1.sqlite3");
        var expected = OptunaView.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "optuna-3.1.sqlite3.expected.json"));
        var logs = new ListLoggerFactory();

        using (var storage = SqliteStorage.Open(path, new RelationalStorageOptions { LoggerFactory = logs }))
        {
            OptunaView.AssertMatches(expected, storage);
            var single = storage.GetAllTrials(storage.FindStudy("single")!.Value);
            Assert.Equal(Enumerable.Range(1, 11), single.Select(t => t.TrialId));
            Assert.Equal(3L, single[0].Params["c"]);
            Assert.Equal(new IntDistribution(1, 64, log: true), single[0].Distributions["n"]);
            Assert.Equal(TrialState.Waiting, single[10].State);
        }

        Assert.Empty(logs.Warnings);

        // The enqueued trial Optuna left waiting is popped and run by Attune.
        using var study = Study.Load("single", "sqlite:" + path);
        var trial = study.Ask();
        Assert.Equal(10, trial.Number);
        Assert.Equal(1.5, trial.SuggestFloat("x", -5, 5));
        Assert.Equal(0.001, trial.SuggestFloat("lr", 1e-5, 0.1, log: true));
        study.Tell(trial, 2.0);
        Assert.Equal(TrialState.Complete, study.Trials[10].State);
    }

    [Fact]
    public void Optuna_reads_a_SQLite_study_Attune_wrote_and_Attune_reads_what_Optuna_adds()
    {
        using var target = new SqliteTarget();
        RoundTrip(target, target.Url!, target.Url!);
    }

    [Fact]
    public void Optuna_reads_a_PostgreSQL_study_Attune_wrote_and_Attune_reads_what_Optuna_adds()
    {
        if (Servers.Url(Servers.Postgres, output) is not { } server)
        {
            return;
        }

        using var target = new PostgresTarget(server);
        var schema = target.Url![(target.Url!.IndexOf("Search%20Path=", StringComparison.Ordinal) + "Search%20Path=".Length)..].Split('&')[0];
        RoundTrip(target, target.Url!, $"{server}?options=-csearch_path%3D{schema}");
    }

    [Fact]
    public void Optuna_reads_a_MySQL_study_Attune_wrote_and_Attune_reads_what_Optuna_adds()
    {
        if (Servers.Url(Servers.MySql, output) is not { } server)
        {
            return;
        }

        using var target = new MySqlTarget(server);
        RoundTrip(target, target.Url!, target.Url!);
    }

    [Fact]
    public void Optuna_reads_a_Redis_journal_Attune_wrote_and_Attune_reads_what_Optuna_adds()
    {
        if (Servers.Url(Servers.Redis, output) is not { } server)
        {
            return;
        }

        using var target = new RedisTarget(server);
        RoundTrip(target, target.Url!, target.Url!);
    }

    [Fact]
    public async Task A_NET_worker_and_a_Python_worker_share_a_SQLite_study_at_once_and_lose_nothing()
    {
        if (!OptunaAvailable())
        {
            return;
        }

        using var target = new SqliteTarget();
        using (var created = Study.Create(new StudyOptions { Name = "shared", Storage = target.Url }))
        {
            // Created by Attune first, so both sides load it.
        }

        var python = Task.Run(() => RunScript(target.Url!, "--optimize", "shared", "60"));
        using var study = Study.Create(new StudyOptions { Name = "shared", Storage = target.Url, LoadIfExists = true });
        var numbers = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            var trial = study.Ask();
            var x = trial.SuggestFloat("x", -10, 10);
            var k = trial.SuggestInt("k", 0, 100);
            study.Tell(trial, (x * x) + k);
            numbers.Add(trial.Number);
        }

        var pythonNumbers = (await python).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(60, pythonNumbers.Count);
        Assert.Equal(Enumerable.Range(0, 120), numbers.Concat(pythonNumbers).Order());
        var trials = study.Trials;
        Assert.Equal(120, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(Math.Pow((double)t.Params["x"]!, 2) + (int)t.Params["k"]!, t.Value!.Value, 9));
        var switches = trials.Zip(trials.Skip(1)).Count(p => numbers.Contains(p.First.Number) != numbers.Contains(p.Second.Number));
        output.WriteLine($"The .NET and Python workers' trials alternate {switches} times.");
    }

    /// <summary>Attune writes studies; Optuna checks them and adds its own; Attune reads exactly what Optuna read.</summary>
    private void RoundTrip(StorageTarget target, string attuneUrl, string pythonUrl)
    {
        if (!OptunaAvailable())
        {
            return;
        }

        using var dir = new TempDirectory();
        var expected = dir.File("expected.json");
        var optunaView = dir.File("optuna-view.json");
        var storage = target.Open();
        WriteStudies(storage);
        OptunaView.Write(storage, expected);

        RunScript(pythonUrl, expected, "--write", optunaView, "--resume", "round");

        OptunaView.AssertMatches(OptunaView.Read(optunaView), target.Open());

        // Attune carries on with the study Optuna created, taking the trial Optuna enqueued; Optuna reads that too.
        using var study = Study.Load("from-optuna", attuneUrl);
        var trial = study.Ask();
        Assert.Equal(2, trial.SuggestInt("i", -3, 3));
        study.Tell(trial, trial.SuggestFloat("f", -1, 1));
        OptunaView.Write(target.Open(), expected);
        RunScript(pythonUrl, expected);
        output.WriteLine($"Optuna and Attune agree on {attuneUrl}.");
    }

    /// <summary>Studies "round" (every distribution kind, NaN and infinite intermediate values, nested attributes, enqueued, pruned, failed and added trials, one left waiting) and "multi".</summary>
    private static void WriteStudies(IStorage storage)
    {
        var study = Study.Create(new StudyOptions { Name = "round", StorageInstance = storage, Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 3 }), Pruner = new NopPruner() });
        study.SetUserAttr("meta", new Dictionary<string, object?> { ["list"] = new object?[] { 1, 2.5, "x", null, true, "ünïcødé \"q\"\n" } });
        study.SetSystemAttr("attune:sampler", "v1");
        study.EnqueueTrial(new Dictionary<string, object?> { ["f"] = 0.5, ["c"] = "s" }, new Dictionary<string, object?> { ["enqueued"] = true });
        for (var i = 0; i < 5; i++)
        {
            var t = study.Ask();
            var f = t.SuggestFloat("f", -1, 1);
            t.SuggestFloat("lf", 1e-5, 1, log: true);
            t.SuggestFloat("sf", 0, 1, step: 0.1);
            t.SuggestInt("i", -3, 3);
            t.SuggestInt("li", 1, 1024, log: true);
            t.SuggestInt("si", 0, 10, step: 5);
            t.SuggestCategorical<object?>("c", [null, true, 3, 2.5, "s"]);
            t.Report(double.NaN, 0);
            t.Report(1.5 + i, 1);
            t.Report(double.PositiveInfinity, 2);
            t.SetUserAttr("nested", new Dictionary<string, object?> { ["i"] = i, ["xs"] = new[] { "a", "b" } });
            switch (i)
            {
                case 2:
                    study.Tell(t, TrialState.Pruned);
                    break;
                case 3:
                    study.Tell(t, TrialState.Fail);
                    break;
                default:
                    study.Tell(t, f * f);
                    break;
            }
        }

        study.AddTrial(new TrialRecord
        {
            State = TrialState.Complete,
            Value = 0.25,
            Params = new Dictionary<string, object?> { ["f"] = 0.5 },
            Distributions = new Dictionary<string, Distribution> { ["f"] = new FloatDistribution(-1, 1) },
            IntermediateValues = new SortedDictionary<long, double> { [0] = 1, [3] = double.NaN },
            UserAttrs = new Dictionary<string, object?> { ["source"] = "added" },
        });
        study.EnqueueTrial(new Dictionary<string, object?> { ["i"] = 2 });

        var multi = Study.Create(new StudyOptions { Name = "multi", StorageInstance = storage, Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        for (var i = 0; i < 3; i++)
        {
            var t = multi.Ask();
            multi.Tell(t, [t.SuggestFloat("a", 0, 1), t.SuggestInt("b", 0, 3)]);
        }
    }

    private bool OptunaAvailable()
    {
        var required = Environment.GetEnvironmentVariable("ATTUNE_REQUIRE_OPTUNA") == "1";
        var (exitCode, _, errors) = File.Exists(Python) ? Run(Python, ["-c", "import optuna, redis, psycopg2, pymysql"]) : (-1, string.Empty, $"{Python} does not exist");
        if (exitCode == 0)
        {
            return true;
        }

        var message = $"Optuna interop not checked: {errors.Trim()}. Install 'python3-optuna python3-redis python3-psycopg2 python3-pymysql'.";
        Assert.False(required, message + " ATTUNE_REQUIRE_OPTUNA=1 requires them.");
        output.WriteLine(message);
        return false;
    }

    private string RunScript(params string[] arguments)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "interop", "optuna_storage.py");
        var (exitCode, stdout, stderr) = Run(Python, [script, .. arguments]);
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"{Path.GetFileName(script)} exited with {exitCode}:\n{stderr}\n{stdout}");
        return stdout.Trim();
    }

    private static (int ExitCode, string Output, string Errors) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
