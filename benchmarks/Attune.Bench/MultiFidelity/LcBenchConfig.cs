namespace Attune.Bench.MultiFidelity;

/// <summary>One lcbench configuration (YAHPO's search space, without the fidelity).</summary>
/// <param name="BatchSize">batch_size, int 16–512 (log).</param>
/// <param name="LearningRate">learning_rate, 1e-4–0.1 (log).</param>
/// <param name="Momentum">momentum, 0.1–0.99.</param>
/// <param name="WeightDecay">weight_decay, 1e-5–0.1 (linear).</param>
/// <param name="NumLayers">num_layers, int 1–5.</param>
/// <param name="MaxUnits">max_units, int 64–1024 (log).</param>
/// <param name="MaxDropout">max_dropout, 0–1.</param>
public sealed record LcBenchConfig(int BatchSize, double LearningRate, double Momentum, double WeightDecay, int NumLayers, int MaxUnits, double MaxDropout)
{
    /// <summary>Suggests the configuration on a trial, in the protocol's order and with its names and kinds.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>The configuration.</returns>
    public static LcBenchConfig Suggest(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new LcBenchConfig(
            trial.SuggestInt("batch_size", 16, 512, log: true),
            trial.SuggestFloat("learning_rate", 1e-4, 0.1, log: true),
            trial.SuggestFloat("momentum", 0.1, 0.99),
            trial.SuggestFloat("weight_decay", 1e-5, 0.1),
            trial.SuggestInt("num_layers", 1, 5),
            trial.SuggestInt("max_units", 64, 1024, log: true),
            trial.SuggestFloat("max_dropout", 0, 1));
    }
}
