using System.Diagnostics;
using Attune.Storage.Journal;
using Xunit.Abstractions;

namespace Attune.Tests.Storage.Journal;

/// <summary>
/// Optuna itself (Debian's python3-optuna, 3.1) reads the journals Attune writes, and Attune reads what Optuna adds,
/// through tests/interop/optuna_reads_attune_journal.py. Without an importable optuna these tests return early,
/// unless ATTUNE_REQUIRE_OPTUNA=1 (as in CI), which makes them fail.
/// </summary>
public sealed class OptunaInteropTests(ITestOutputHelper output)
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public void Optuna_reads_what_Attune_writes_and_Attune_reads_what_Optuna_adds()
    {
        if (!OptunaAvailable())
        {
            return;
        }

        using var dir = new TempDirectory();
        var path = dir.File("attune.journal");
        var expected = dir.File("expected.json");
        var optunaView = dir.File("optuna-view.json");
        using (var storage = new JournalStorage(new JournalFileBackend(path)))
        {
            JournalRoundTripTests.WriteEverything(storage, TimeProvider.System, _ => { }, []);
            var roundInfo = storage.GetStudy(storage.FindStudy("round")!.Value);
            var multiInfo = storage.GetStudy(storage.FindStudy("multi")!.Value);
            JournalRoundTripTests.AssertWhatWasWritten(roundInfo, storage.GetAllTrials(roundInfo.StudyId), multiInfo, storage.GetAllTrials(multiInfo.StudyId));
            OptunaView.Write(storage, expected);
        }

        RunScript(path, expected, "--write", optunaView, "--resume", "round");

        // Attune reads Optuna's additions (a new study, and two trials of "round", the first one the trial Attune
        // left waiting) exactly as Optuna does: ids, numbers, states, values, params, attributes and times.
        using var reread = new JournalStorage(new JournalFileBackend(path));
        OptunaView.AssertMatches(OptunaView.Read(optunaView), reread);
        var round = reread.GetAllTrials(reread.FindStudy("round")!.Value);
        var popped = round.Single(t => t.UserAttrs.Count == 0 && t.SystemAttrs.ContainsKey(Trial.FixedParamsKey) && t.State == TrialState.Complete && t.Value == 1.0);
        Assert.Equal(2, popped.Params["i"]);

        // And Attune carries on with the study Optuna created, popping the trial Optuna enqueued; Optuna reads that too.
        var study = Study.Load("from-optuna", reread);
        var trial = study.Ask();
        Assert.Equal(2, trial.SuggestInt("i", -3, 3));
        study.Tell(trial, trial.SuggestFloat("f", -1, 1));
        OptunaView.Write(reread, expected);
        RunScript(path, expected);
    }

    [Fact]
    public void Optuna_applies_the_replay_rules_as_Attune_does()
    {
        if (!OptunaAvailable())
        {
            return;
        }

        using var dir = new TempDirectory();
        var path = dir.File("rules.journal");
        var expected = dir.File("expected.json");
        File.WriteAllLines(path, JournalReplayRulesTests.RulesJournal);
        using (var storage = new JournalStorage(new JournalFileBackend(path)))
        {
            OptunaView.Write(storage, expected);
        }

        RunScript(path, expected);
    }

    [Fact]
    public void Optuna_reads_a_journal_whose_torn_last_line_Attune_repaired()
    {
        if (!OptunaAvailable())
        {
            return;
        }

        using var dir = new TempDirectory();
        var path = dir.File("torn.journal");
        var expected = dir.File("expected.json");
        using (var storage = new JournalStorage(new JournalFileBackend(path)))
        {
            var studyId = storage.CreateStudy("s", [StudyDirection.Minimize]);
            storage.SetTrialStateValues(storage.CreateTrial(studyId).TrialId, TrialState.Complete, [1.0]);
        }

        File.AppendAllText(path, "{\"op_code\": 4, \"worker_id\": \"killed\", \"study_id\": 0, \"datet");
        using (var storage = new JournalStorage(new JournalFileBackend(path)))
        {
            storage.SetTrialStateValues(storage.CreateTrial(0).TrialId, TrialState.Complete, [2.0]);
            OptunaView.Write(storage, expected);
        }

        RunScript(path, expected);
    }

    private bool OptunaAvailable()
    {
        var required = Environment.GetEnvironmentVariable("ATTUNE_REQUIRE_OPTUNA") == "1";
        string problem;
        if (!File.Exists(Python))
        {
            problem = $"{Python} does not exist";
        }
        else
        {
            var (exitCode, _, errors) = Run(Python, ["-c", "import optuna"]);
            if (exitCode == 0)
            {
                return true;
            }

            problem = $"{Python} cannot import optuna: {errors.Trim()}";
        }

        var message = $"Optuna interop not checked: {problem}. Install it with 'apt-get install -y python3-optuna'.";
        Assert.False(required, message + " ATTUNE_REQUIRE_OPTUNA=1 requires it.");
        output.WriteLine(message);
        return false;
    }

    private void RunScript(params string[] arguments)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "interop", "optuna_reads_attune_journal.py");
        var (exitCode, stdout, stderr) = Run(Python, [script, .. arguments]);
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"{Path.GetFileName(script)} exited with {exitCode}:\n{stderr}\n{stdout}");
    }

    private static (int ExitCode, string Output, string Errors) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
