namespace Attune;

/// <summary>Progress of an optimization run, reported after every finished trial.</summary>
/// <param name="Trial">The trial that just finished.</param>
/// <param name="TrialsFinished">Trials this run has finished so far.</param>
/// <param name="TrialsPlanned">The run's trial budget, or <see langword="null"/> when it has none.</param>
/// <param name="BestValue">The study's best value so far (single objective, complete trials), or <see langword="null"/>.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Remaining">Estimated time left from the budget or timeout, or <see langword="null"/> when unbounded.</param>
public sealed record OptimizeProgress(
    TrialRecord Trial,
    int TrialsFinished,
    int? TrialsPlanned,
    double? BestValue,
    TimeSpan Elapsed,
    TimeSpan? Remaining);
