using System.Globalization;
using Attune;
using Attune.Samplers;

// Usage: Attune.StorageWorker <storage URL> <study> <trials> [--go FILE] [--heartbeat SECONDS] [--hang]
// Opens the study (created if missing) and runs ask/tell trials with two parameters, printing the numbers of the
// trials it ran on one line at the end. With --go, prints "ready" and waits for FILE to exist first, so that several
// workers start together. With --heartbeat, trials record heartbeats and the worker fails stale trials of dead
// workers (retrying them). With --hang, it asks one trial, prints "running N" and then sleeps until it is killed.
if (args.Length < 3 || !int.TryParse(args[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var trials))
{
    await Console.Error.WriteLineAsync("usage: Attune.StorageWorker <storage URL> <study> <trials> [--go FILE] [--heartbeat SECONDS] [--hang]");
    return 2;
}

string? go = null;
TimeSpan? heartbeat = null;
var hang = false;
for (var i = 3; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--go":
            go = args[++i];
            break;
        case "--heartbeat":
            heartbeat = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--hang":
            hang = true;
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown option {args[i]}");
            return 2;
    }
}

using var study = Study.Create(new StudyOptions
{
    Name = args[1],
    Storage = args[0],
    LoadIfExists = true,
    Sampler = new RandomSampler(),
    HeartbeatInterval = heartbeat,
    FailedTrialCallback = heartbeat is null ? null : new RetryFailedTrialCallback(maxRetry: 3).Invoke,
});
if (go is not null)
{
    Console.WriteLine("ready");
    while (!File.Exists(go))
    {
        await Task.Delay(5);
    }
}

if (hang)
{
    var running = study.Ask();
    running.SuggestFloat("x", -10, 10);
    Console.WriteLine($"running {running.Number}");
    await Task.Delay(Timeout.Infinite);
}

var numbers = new List<int>(trials);
for (var i = 0; i < trials; i++)
{
    var trial = study.Ask();
    var x = trial.SuggestFloat("x", -10, 10);
    var k = trial.SuggestInt("k", 0, 100);
    study.Tell(trial, (x * x) + k);
    numbers.Add(trial.Number);
}

Console.WriteLine(string.Join(' ', numbers));
return 0;
