using System.Globalization;
using Attune;
using Attune.Pbt;
using Attune.Randomness;
using PbtDigits;

// Population-based training of a one-hidden-layer perceptron on the UCI handwritten digits: PBT tunes the
// learning rate, momentum and weight decay while the models train, and is compared with random search over
// fixed hyperparameters given the same number of SGD steps. Prints a table and the learning-rate schedule of
// the best model, read back from the study.
//
//   dotnet run --project samples/PbtDigits -c Release [-- --seeds 5 --population 8 --steps 400 --interval 40
//       --mode sync|async --explore perturb|pb2 --storage journal:PATH --checkpoints DIR --svg PATH]
//
// With a journal storage and a checkpoint directory, running the same command again after a crash resumes.
var seeds = 5;
var population = 8;
var steps = 400;
var interval = 40;
var mode = PbtMode.Synchronous;
var explore = PbtExplore.Perturb;
var storage = "memory:";
string? checkpoints = null;
string? svg = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    switch (args[i])
    {
        case "--seeds": seeds = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--population": population = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--steps": steps = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--interval": interval = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--mode": mode = value == "async" ? PbtMode.Asynchronous : PbtMode.Synchronous; break;
        case "--explore": explore = value == "pb2" ? PbtExplore.Pb2 : PbtExplore.Perturb; break;
        case "--storage": storage = value; break;
        case "--checkpoints": checkpoints = value; break;
        case "--svg": svg = value; break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}.");
            return 2;
    }
}

// Ctrl+C stops the run; the segments being trained are recorded as failed and trained again on the next run.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var data = Digits.Load(Digits.DefaultPath, seed: 42);
Console.WriteLine($"digits: {data.Train.Count} train, {data.Validation.Count} validation, {data.Test.Count} test rows; " +
    $"population {population}, {steps} SGD steps (batch {MlpMember.BatchSize}) per member, interval {interval}, {mode}, {explore}");
Console.WriteLine();
Console.WriteLine("seed | PBT val | PBT test | random best val | its test");
Console.WriteLine("-----|---------|----------|-----------------|---------");
var rows = new List<(double PbtVal, double PbtTest, double RandomVal, double RandomTest)>();
PbtHistory? firstHistory = null;
PbtSegment? firstBest = null;
for (var seed = 0; seed < seeds; seed++)
{
    var name = $"pbt-digits-{mode}-{explore}-p{population}-s{steps}-i{interval}-seed{seed}".ToLowerInvariant();
    using var study = Study.Create(new StudyOptions { Name = name, Storage = storage, LoadIfExists = true, Direction = StudyDirection.Maximize });
    ICheckpointStore store = checkpoints is null ? new InMemoryCheckpointStore() : new DirectoryCheckpointStore(Path.Combine(checkpoints, name));
    var options = new PbtOptions
    {
        PopulationSize = population,
        PerturbationInterval = interval,
        TotalSteps = (long)population * steps,
        Mode = mode,
        Explore = explore,
        Seed = seed,
        Parallelism = 2,
    };
    var memberSeed = (int member) => SeededRandom.Derive((ulong)seed, (ulong)member);
    PbtResult result;
    try
    {
        result = await new PopulationBasedTraining(study, MlpMember.Space, s => new MlpMember(data, memberSeed(s.Member)), options, store)
            .RunAsync(cancel.Token).ConfigureAwait(false);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopped. With --storage journal:PATH and --checkpoints DIR, run the same command again to resume.");
        return 130;
    }


    // The selected model's test accuracy: restore its checkpoint.
    var best = new MlpMember(data, 0);
    best.Initialize(result.Best.Hyperparameters);
    var stream = await store.OpenReadAsync(result.Best.Checkpoint!, default).ConfigureAwait(false);
    await using (stream.ConfigureAwait(false))
    {
        await best.LoadAsync(stream, default).ConfigureAwait(false);
    }

    var pbtTest = best.Model.Accuracy(data.Test);
    var (randomVal, randomTest) = RandomSearch(data, population, steps, seed);
    rows.Add((result.Best.Score!.Value, pbtTest, randomVal, randomTest));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seed,4} | {result.Best.Score,7:P1} | {pbtTest,8:P1} | {randomVal,15:P1} | {randomTest,8:P1}"));
    if (seed == 0)
    {
        firstHistory = result.History;
        firstBest = result.Best;
    }
}

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"mean | {rows.Average(r => r.PbtVal),7:P1} | {rows.Average(r => r.PbtTest),8:P1} | {rows.Average(r => r.RandomVal),15:P1} | {rows.Average(r => r.RandomTest),8:P1}"));
Console.WriteLine($"PBT's validation accuracy beats random search's best in {rows.Count(r => r.PbtVal > r.RandomVal)} of {rows.Count} seeds (ties: {rows.Count(r => r.PbtVal == r.RandomVal)}).");

if (firstHistory is not null && firstBest is not null)
{
    Console.WriteLine();
    Console.WriteLine($"Seed 0: the hyperparameter schedule that trained the best model (member {firstBest.Member}), read back from the study:");
    Console.WriteLine("steps     | member | learning rate | momentum | weight decay | val accuracy");
    var lineage = firstHistory.Lineage(firstBest.TrialNumber);
    foreach (var segment in lineage)
    {
        var s = MlpMember.Settings(segment.Hyperparameters);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{segment.StartStep,4}-{segment.EndStep,-4} | {segment.Member,6} | {s.LearningRate,13:G3} | {s.Momentum,8:F3} | {s.WeightDecay,12:G3} | {segment.Score,12:P1}{(segment.Exploited ? "  (exploited)" : "")}"));
    }

    if (svg is not null)
    {
        File.WriteAllText(svg, ScheduleFigure.Render(firstHistory, lineage));
        Console.WriteLine($"Wrote the learning-rate schedules to {svg}.");
    }
}

return 0;

// Random search with the same compute: as many fixed configurations as PBT has members, each trained as many steps.
static (double Validation, double Test) RandomSearch(DigitsSplit data, int count, int steps, int seed)
{
    var random = SeededRandom.For((ulong)seed, 0x52414E44UL);
    var best = (Validation: -1.0, Test: 0.0);
    for (var i = 0; i < count; i++)
    {
        var settings = new SgdSettings(
            Math.Exp(random.NextDouble(Math.Log(1e-3), Math.Log(1))),
            random.NextDouble(0, 0.99),
            Math.Exp(random.NextDouble(Math.Log(1e-6), Math.Log(1e-2))));
        var memberSeed = SeededRandom.Derive((ulong)seed, (ulong)i);
        var model = new Mlp(MlpMember.Hidden, memberSeed);
        model.Train(data.Train, steps, MlpMember.BatchSize, settings, memberSeed);
        var validation = model.Accuracy(data.Validation);
        if (validation > best.Validation)
        {
            best = (validation, model.Accuracy(data.Test));
        }
    }

    return best;
}
