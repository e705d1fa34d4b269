namespace Attune.Bench.Runner;

/// <summary>A run's score after the first <see cref="Budget"/> trials.</summary>
/// <param name="Budget">The number of trials.</param>
/// <param name="Score">Simple regret (single objective) or hypervolume gap (multi-objective); NaN before the first complete trial.</param>
public sealed record BudgetScore(int Budget, double Score);

/// <summary>One study: a function, a sampler and a seed.</summary>
public sealed record RunResult
{
    /// <summary>The function id.</summary>
    public required string Function { get; init; }

    /// <summary>The sampler name.</summary>
    public required string Sampler { get; init; }

    /// <summary>The seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Trials run.</summary>
    public required int Trials { get; init; }

    /// <summary>Trials that completed (the others failed or were pruned).</summary>
    public required int Completed { get; init; }

    /// <summary>Wall time of the study (create + optimize), in seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>The score at each budget.</summary>
    public required IReadOnlyList<BudgetScore> Scores { get; init; }

    /// <summary>The score after each trial (entry n − 1 covers the first n trials); <see langword="null"/> with --no-trace.</summary>
    public IReadOnlyList<double>? Trace { get; init; }

    /// <summary>The best value found (single objective) or the final hypervolume (multi-objective).</summary>
    public required double Final { get; init; }
}

/// <summary>Median and quartiles across seeds of one function, sampler and budget.</summary>
public sealed record SummaryRow
{
    /// <summary>The function id.</summary>
    public required string Function { get; init; }

    /// <summary><c>simple_regret</c> or <c>hv_gap</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The sampler name.</summary>
    public required string Sampler { get; init; }

    /// <summary>The number of trials.</summary>
    public required int Budget { get; init; }

    /// <summary>Seeds with a score.</summary>
    public required int Seeds { get; init; }

    /// <summary>The median.</summary>
    public required double Median { get; init; }

    /// <summary>The 25th percentile.</summary>
    public required double Q25 { get; init; }

    /// <summary>The 75th percentile.</summary>
    public required double Q75 { get; init; }

    /// <summary>The mean.</summary>
    public required double Mean { get; init; }
}

/// <summary>Mean wall time of a function and sampler's runs.</summary>
public sealed record TimingRow
{
    /// <summary>The function id, or <c>all</c> for the mean over functions.</summary>
    public required string Function { get; init; }

    /// <summary>The sampler name.</summary>
    public required string Sampler { get; init; }

    /// <summary>Trials per run.</summary>
    public required int Trials { get; init; }

    /// <summary>Mean wall time per run, in seconds.</summary>
    public required double MeanWallSeconds { get; init; }

    /// <summary>Mean wall time per trial, in milliseconds.</summary>
    public required double MeanMsPerTrial { get; init; }

    /// <summary>Optuna 3.1's mean wall time per run of the same sampler (when the reference has it for this many trials).</summary>
    public double? OptunaWallSeconds { get; init; }
}

/// <summary>Our median beside Optuna's for one function, budget and sampler.</summary>
public sealed record ComparisonRow
{
    /// <summary>The function id.</summary>
    public required string Function { get; init; }

    /// <summary>The number of trials.</summary>
    public required int Budget { get; init; }

    /// <summary>Our sampler.</summary>
    public required string Sampler { get; init; }

    /// <summary>Our median.</summary>
    public required double Median { get; init; }

    /// <summary>Our 25th percentile.</summary>
    public required double Q25 { get; init; }

    /// <summary>Our 75th percentile.</summary>
    public required double Q75 { get; init; }

    /// <summary>The Optuna column compared with (the best of several for TPE).</summary>
    public required string OptunaSampler { get; init; }

    /// <summary>Optuna's median.</summary>
    public required double OptunaMedian { get; init; }

    /// <summary>Optuna's 25th percentile.</summary>
    public required double OptunaQ25 { get; init; }

    /// <summary>Optuna's 75th percentile.</summary>
    public required double OptunaQ75 { get; init; }

    /// <summary>Our median / Optuna's median (lower is better for us).</summary>
    public required double Ratio { get; init; }

    /// <summary>Whether the two interquartile ranges overlap.</summary>
    public required bool IqrOverlap { get; init; }
}

/// <summary>How the run was configured.</summary>
public sealed record BenchSettings
{
    /// <summary>The samplers.</summary>
    public required IReadOnlyList<string> Samplers { get; init; }

    /// <summary>The functions.</summary>
    public required IReadOnlyList<string> Functions { get; init; }

    /// <summary>The budgets.</summary>
    public required IReadOnlyList<int> Budgets { get; init; }

    /// <summary>The number of seeds.</summary>
    public required int Seeds { get; init; }

    /// <summary>Runs at once.</summary>
    public required int Parallel { get; init; }

    /// <summary>The Optuna reference file, if any.</summary>
    public string? OptunaReference { get; init; }
}

/// <summary>Everything one invocation produced: the JSON document.</summary>
public sealed record BenchReport
{
    /// <summary>When the run finished (UTC, ISO 8601).</summary>
    public required string Generated { get; init; }

    /// <summary>OS, processor count and .NET version.</summary>
    public required string Machine { get; init; }

    /// <summary>The settings.</summary>
    public required BenchSettings Settings { get; init; }

    /// <summary>Total wall time of all runs, in seconds.</summary>
    public required double TotalWallSeconds { get; init; }

    /// <summary>How the hypervolume was computed.</summary>
    public required string Hypervolume { get; init; }

    /// <summary>Every run.</summary>
    public required IReadOnlyList<RunResult> Runs { get; init; }

    /// <summary>Median and quartiles per function, sampler and budget.</summary>
    public required IReadOnlyList<SummaryRow> Summary { get; init; }

    /// <summary>Mean wall times.</summary>
    public required IReadOnlyList<TimingRow> Timings { get; init; }

    /// <summary>Our medians beside Optuna's (empty without --optuna-reference).</summary>
    public required IReadOnlyList<ComparisonRow> Comparison { get; init; }
}
