using System.Globalization;
using Attune;
using Attune.Samplers;

// Usage: Attune.JournalWorker <journal path> <trials> [study name] [go file]
// Opens the study (created if missing); with a go file, prints "ready" and waits until the file exists, so that
// several workers start together; then runs ask/tell trials with two parameters and prints the trial numbers it got.
//
// Usage: Attune.JournalWorker pbt <journal path> <checkpoint directory> <go file>
// Runs population-based training of the toy problem on the journal's study "pbt" (see PbtWorker).
if (args is ["pbt", var pbtJournal, var pbtCheckpoints, var pbtGo])
{
    return await Attune.JournalWorker.PbtWorker.RunAsync(pbtJournal, pbtCheckpoints, pbtGo);
}

if (args.Length < 2 || !int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var trials))
{
    await Console.Error.WriteLineAsync("usage: Attune.JournalWorker <journal path> <trials> [study name] [go file]");
    return 2;
}

var study = Study.Create(new StudyOptions
{
    Name = args.Length > 2 ? args[2] : "s",
    Storage = "journal:" + args[0],
    LoadIfExists = true,
    Sampler = new RandomSampler(),
});
if (args.Length > 3)
{
    Console.WriteLine("ready");
    while (!File.Exists(args[3]))
    {
        await Task.Delay(1);
    }
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
