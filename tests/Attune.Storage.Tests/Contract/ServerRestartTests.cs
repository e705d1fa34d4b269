using System.Diagnostics;
using Attune.Samplers;
using Xunit.Abstractions;

namespace Attune.Storage.Tests.Contract;

/// <summary>Restarts of a database server would break other tests' connections, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerRestartsRunAlone
{
    public const string Name = "database server restarts";
}

/// <summary>
/// A database server restarted mid-study (stopped, then started again on the same data) while three
/// workers run trials: the workers wait for it, reconnect and go on, and no trial is lost, duplicated or
/// left running. The restart is done by <c>.ci/start-servers restart NAME</c> (its path in
/// ATTUNE_TEST_SERVERS_SCRIPT, which that script prints).
/// </summary>
[Collection(ServerRestartsRunAlone.Name)]
public sealed class ServerRestartTests(ITestOutputHelper output)
{
    private const int Trials = 200;
    private const int RestartAfter = 40;
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("redis")]
    public async Task Workers_ride_out_a_database_restart_mid_study(string server)
    {
        if (Servers.Url(Servers.Script, output) is not { } script)
        {
            return;
        }

        using var target = StorageTarget.OnServer(server, output);
        if (target is null)
        {
            return;
        }

        using var study = Study.Create(new StudyOptions
        {
            Name = "restart",
            StorageInstance = target.Open(),
            Sampler = new RandomSampler(new RandomSamplerOptions { Seed = 5 }),
        });

        var completed = 0;
        var atRestartStart = -1;
        var atRestartEnd = -1;
        using var restartNow = new SemaphoreSlim(0);
        var restart = Task.Run(async () =>
        {
            await restartNow.WaitAsync(RestartTimeout);
            atRestartStart = Volatile.Read(ref completed);
            var started = Stopwatch.GetTimestamp();
            await Restart(script, server);
            atRestartEnd = Volatile.Read(ref completed);
            output.WriteLine($"{server} restarted in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s, after {atRestartStart} trials (then {atRestartEnd}).");
        });

        study.Optimize(
            t =>
            {
                var x = t.SuggestFloat("x", -1, 1);
                t.Report(x, 0);
                Thread.Sleep(5);
                return x + t.SuggestInt("k", 0, 3);
            },
            new OptimizeOptions
            {
                Trials = Trials,
                Parallelism = 3,
                Callbacks =
                [
                    (_, _) =>
                    {
                        if (Interlocked.Increment(ref completed) == RestartAfter)
                        {
                            restartNow.Release();
                        }
                    },
                ],
            });
        await restart;

        // The restart happened mid-study: trials ran before it and after it.
        Assert.InRange(atRestartStart, RestartAfter, Trials - 1);
        Assert.InRange(atRestartEnd, RestartAfter, Trials - 1);

        var trials = target.Open().GetAllTrials(study.StudyId);
        Assert.Equal(Enumerable.Range(0, Trials), trials.Select(t => t.Number));
        Assert.Equal(Trials, trials.Select(t => t.TrialId).Distinct().Count());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(2, t.Params.Count));
        Assert.All(trials, t => Assert.Single(t.IntermediateValues));
    }

    private static async Task Restart(string script, string server)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "restart", server])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(RestartTimeout);
        Assert.True(process.ExitCode == 0, $"'{script} restart {server}' exited with {process.ExitCode}: {await errors}");
    }
}
