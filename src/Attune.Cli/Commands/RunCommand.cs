using System.CommandLine;

namespace Attune.Cli;

/// <summary>
/// <c>attune run</c>: tunes any program. Each trial runs the command with the parameters as <c>--name value</c>
/// arguments and as JSON in <c>ATTUNE_PARAMS</c>, and reads the result from its standard output.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var study = CommonOptions.Study();
        var space = new Option<string>("--space", "--search-space")
        {
            Description = "The search space file, JSON or YAML: {\"lr\": {\"type\": \"float\", \"low\": 1e-4, \"high\": 0.1, \"log\": true}, …}.",
            Required = true,
            HelpName = "FILE",
        };
        var direction = CommonOptions.Direction();
        var directions = CommonOptions.Directions();
        var trials = new Option<int?>("--trials", "-n") { Description = "How many trials this run starts.", HelpName = "N" };
        var totalTrials = new Option<int?>("--total-trials") { Description = "Stop when the study has this many finished trials, counting earlier runs (to resume a budget).", HelpName = "N" };
        var timeout = new Option<string?>("--timeout") { Description = "Start no trial after this long (90, 30s, 5m, 2h); running trials finish.", HelpName = "DURATION" };
        var trialTimeout = new Option<string?>("--trial-timeout") { Description = "Kill a trial's program and fail the trial after this long.", HelpName = "DURATION" };
        var parallel = new Option<int>("--parallel", "-j") { Description = "How many trials run at once.", DefaultValueFactory = _ => 1, HelpName = "N" };
        var sampler = CommonOptions.Sampler();
        var pruner = CommonOptions.Pruner();
        var seed = CommonOptions.Seed();
        var showOutput = new Option<bool>("--show-output") { Description = "Copy the programs' output to standard error, each line prefixed with its trial number." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display." };
        var format = CommonOptions.Format();
        var program = new Argument<string[]>("command")
        {
            Description = "The program to run and its own arguments, after --, e.g. -- python train.py --epochs 10.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("run", "Tune any program: run it once per trial with the parameters as --name value arguments (and JSON in ATTUNE_PARAMS), and read its result from standard output.")
        {
            storage, study, space, direction, directions, trials, totalTrials, timeout, trialTimeout, parallel, sampler, pruner, seed, showOutput, quiet, format, program,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result, console, new Options(
            storage, study, space, direction, directions, trials, totalTrials, timeout, trialTimeout, parallel, sampler, pruner, seed, showOutput, quiet, format, program), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CliConsole console, Options o, CancellationToken cancellationToken)
    {
        var budget = result.GetValue(o.Trials);
        var total = result.GetValue(o.TotalTrials);
        var runTimeout = DurationParser.Parse(result.GetValue(o.Timeout), "--timeout");
        if (budget is null && total is null && runTimeout is null && !IsExhaustive(result.GetValue(o.Sampler)))
        {
            throw new CliException(ExitCodes.Usage, "give --trials, --total-trials or --timeout (or a grid sampler, which stops when the grid is done).");
        }

        var searchSpace = SearchSpaceParser.FromFile(result.GetValue(o.Space)!);
        if (budget is <= 0 || total is <= 0)
        {
            throw new CliException(ExitCodes.Usage, "--trials and --total-trials must be positive.");
        }

        var parallel = result.GetValue(o.Parallel);
        if (parallel < 1)
        {
            throw new CliException(ExitCodes.Usage, $"--parallel must be at least 1, but is {parallel}.");
        }

        var explicitDirections = result.GetValue(o.Direction) is not null || result.GetValue(o.Directions) is { Length: > 0 }
            ? CommonOptions.ParseDirections(result.GetValue(o.Direction), result.GetValue(o.Directions))
            : null;
        var log = TextWriter.Synchronized(console.Error);
        var settings = new RunSettings(
            result.GetValue(o.Program)!,
            searchSpace,
            DurationParser.Parse(result.GetValue(o.TrialTimeout), "--trial-timeout"),
            result.GetValue(o.ShowOutput),
            log,
            TimeProvider.System);
        var samplerInstance = SamplerRegistry.Create(result.GetValue(o.Sampler), result.GetValue(o.Seed), searchSpace);
        var prunerInstance = PrunerRegistry.Create(result.GetValue(o.Pruner));

        using var opened = StorageOpener.Open(StorageOpener.Resolve(result.GetValue(o.Storage)), mustExist: false);
        using var loaded = Study.Create(new StudyOptions
        {
            Name = result.GetValue(o.Study),
            StorageInstance = opened,
            Directions = explicitDirections,
            LoadIfExists = true,
            Sampler = samplerInstance,
            Pruner = prunerInstance,
        });
        if (explicitDirections is null && loaded.Directions.Count > 1)
        {
            log.WriteLine($"attune: study '{loaded.Name}' has {loaded.Directions.Count} objectives; each trial must print {loaded.Directions.Count} numbers (or {{\"values\": [...]}}).");
        }

        var before = loaded.Trials.Count(t => t.State.IsFinished());
        if (total is { } t)
        {
            var left = t - before;
            if (left <= 0)
            {
                log.WriteLine($"Study '{loaded.Name}' already has {before} finished trials (--total-trials {t}); nothing to run.");
                return ExitCodes.Success;
            }

            budget = budget is { } b ? Math.Min(b, left) : left;
        }

        if (before > 0)
        {
            log.WriteLine($"Continuing study '{loaded.Name}' ({before} finished trials).");
        }

        using var progress = new RunProgress(log, console.ErrorIsTerminal, result.GetValue(o.Quiet), TimeProvider.System);
        var options = new OptimizeOptions
        {
            Trials = budget,
            Timeout = runTimeout,
            Parallelism = parallel,
            Catch = [typeof(TrialCommandException)],
            Progress = progress,
        };
        try
        {
            await loaded.OptimizeAsync(
                async (trial, ct) => await TrialProcess.RunAsync(trial, settings, ct).ConfigureAwait(false),
                options,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.Finish(loaded.Trials.Count);
        }

        PrintBest(loaded, result.GetValue(o.Format), console.Out);
        return progress.Complete + progress.Pruned == 0 && progress.Failed > 0 ? ExitCodes.AllTrialsFailed : ExitCodes.Success;
    }

    private static void PrintBest(Study study, OutputFormat format, TextWriter output)
    {
        var best = study.BestTrials;
        if (best.Count == 0)
        {
            return;
        }

        if (study.Directions.Count == 1)
        {
            var trial = study.BestTrial;
            if (format == OutputFormat.Json)
            {
                output.Write(JsonOutput.Serialize(TrialTable.Nested([trial], 1, full: false)[0]));
                return;
            }

            best = [trial];
        }

        TrialTable.Write(best, study.Directions.Count, format, full: false, output);
    }

    /// <summary>The command's options, to read them in the action.</summary>
    private sealed record Options(
        Option<string?> Storage,
        Option<string> Study,
        Option<string> Space,
        Option<string?> Direction,
        Option<string[]> Directions,
        Option<int?> Trials,
        Option<int?> TotalTrials,
        Option<string?> Timeout,
        Option<string?> TrialTimeout,
        Option<int> Parallel,
        Option<string?> Sampler,
        Option<string?> Pruner,
        Option<int?> Seed,
        Option<bool> ShowOutput,
        Option<bool> Quiet,
        Option<OutputFormat> Format,
        Argument<string[]> Program);

    private static bool IsExhaustive(string? sampler) =>
        sampler is not null && ComponentSpec.Parse(sampler, "sampler").Name is "grid" or "brute-force" or "brute_force";
}
