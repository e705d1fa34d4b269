namespace Attune.Bench.MultiFidelity;

/// <summary>A trial that completed all 52 epochs: when (in epochs spent by the run) and with what val_accuracy.</summary>
/// <param name="Epochs">Epochs the run had spent when the trial completed.</param>
/// <param name="Value">val_accuracy (%) at epoch 52.</param>
public sealed record Completion(long Epochs, double Value);

/// <summary>One run: a method on a task with a seed, until the epoch budget is spent.</summary>
public sealed record LcBenchRun
{
    /// <summary>The task id.</summary>
    public required string Task { get; init; }

    /// <summary>The method name.</summary>
    public required string Method { get; init; }

    /// <summary>The seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Trials started (the truncated last one included).</summary>
    public required int Trials { get; init; }

    /// <summary>Trials that completed all epochs.</summary>
    public required int Completed { get; init; }

    /// <summary>Epochs spent (the budget, rounded up).</summary>
    public required long Epochs { get; init; }

    /// <summary>Normalised regret after 25, 50 and 100 % of the budget.</summary>
    public required double[] Regrets { get; init; }

    /// <summary>The completed trials in order of completion.</summary>
    public required IReadOnlyList<Completion> Completions { get; init; }

    /// <summary>Wall time of the run.</summary>
    public required double WallSeconds { get; init; }
}
