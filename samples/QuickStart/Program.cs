using System.Globalization;
using Attune;
using QuickStart;

// Tunes a LightGBM classifier (ML.NET) on the UCI handwritten digits for validation accuracy.
// The study lives in a journal file, so running the program again continues where it stopped.
//
//   dotnet run --project samples/QuickStart -c Release [-- --trials N --storage journal:PATH]
var trials = 60;
var storage = "journal:quickstart.journal";
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--trials":
            trials = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--storage":
            storage = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}; use --trials N and --storage URL.");
            return 2;
    }
}

using var study = Study.Create(new StudyOptions
{
    Name = "digits-lightgbm",
    Storage = storage,
    Direction = StudyDirection.Maximize,
    LoadIfExists = true,
});

var earlier = study.Trials.Count;
Console.WriteLine(earlier == 0
    ? $"Study '{study.Name}' created in {storage}; running {trials} trials."
    : $"Study '{study.Name}' resumed from {storage} with {earlier} trials; running {trials} more.");

// Ctrl+C lets the running trial finish and keeps every finished one in the journal.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    study.Stop();
    Console.WriteLine("Stopping after the running trial…");
};

var data = DigitsData.Default;
study.Optimize(
    trial =>
    {
        var hyperparameters = new DigitsHyperparameters(
            NumberOfIterations: trial.SuggestInt("iterations", DigitsHyperparameters.MinIterations, DigitsHyperparameters.MaxIterations, log: true),
            NumberOfLeaves: trial.SuggestInt("leaves", DigitsHyperparameters.MinLeaves, DigitsHyperparameters.MaxLeaves, log: true),
            LearningRate: trial.SuggestFloat("learning_rate", DigitsHyperparameters.MinLearningRate, DigitsHyperparameters.MaxLearningRate, log: true),
            MinimumExampleCountPerLeaf: trial.SuggestInt("min_leaf", DigitsHyperparameters.MinExamplesPerLeaf, DigitsHyperparameters.MaxExamplesPerLeaf, log: true),
            FeatureFraction: trial.SuggestFloat("feature_fraction", DigitsHyperparameters.MinFeatureFraction, DigitsHyperparameters.MaxFeatureFraction),
            L2Regularization: trial.SuggestFloat("l2", DigitsHyperparameters.MinL2Regularization, DigitsHyperparameters.MaxL2Regularization, log: true));
        return DigitsModel.ValidationAccuracy(hyperparameters, data);
    },
    new OptimizeOptions
    {
        Trials = trials,
        Progress = new ConsoleProgress(),
    });

var best = study.BestTrial;
Console.WriteLine();
Console.WriteLine($"Best trial: #{best.Number} with validation accuracy {best.Value:F4} ({data.ValidationCount} held-out digits)");
foreach (var (name, value) in best.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {name,-17} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
}

Console.WriteLine($"{study.Trials.Count} trials in {storage}.");
return 0;

/// <summary>Prints one line per finished trial: its number, value, the best so far and the time left.</summary>
internal sealed class ConsoleProgress : IProgress<OptimizeProgress>
{
    /// <inheritdoc/>
    public void Report(OptimizeProgress value)
    {
        var trial = value.Trial;
        var result = trial.State == TrialState.Complete
            ? $"accuracy {trial.Value:F4}"
            : $"{trial.State.ToString().ToLowerInvariant()}";
        var eta = value.Remaining is { } r ? $"{r.TotalSeconds:F0}s left" : string.Empty;
        Console.WriteLine(
            $"[{value.TrialsFinished,3}/{value.TrialsPlanned}] trial {trial.Number,3}: {result} in {trial.Duration?.TotalSeconds:F2}s · best {value.BestValue:F4} · {eta}");
    }
}
