using Attune.Pbt;

namespace PbtDigits;

/// <summary>
/// A member of the population: an <see cref="Mlp"/> whose learning rate, momentum and weight decay PBT tunes.
/// One step is one mini-batch; the score is the validation accuracy.
/// </summary>
public sealed class MlpMember : IPbtMember
{
    /// <summary>The hidden units.</summary>
    public const int Hidden = 32;

    /// <summary>The rows per mini-batch.</summary>
    public const int BatchSize = 32;

    private readonly DigitsSplit data;
    private readonly ulong seed;
    private Mlp model;
    private SgdSettings settings = new(0.1, 0.9, 1e-4);

    /// <summary>Creates a member.</summary>
    /// <param name="data">The data.</param>
    /// <param name="seed">The seed of the initial weights and of the mini-batches (per member).</param>
    public MlpMember(DigitsSplit data, ulong seed)
    {
        this.data = data;
        this.seed = seed;
        model = new Mlp(Hidden, seed);
    }

    /// <summary>The search space PBT and random search explore.</summary>
    public static PbtSearchSpace Space => new PbtSearchSpace()
        .AddFloat("learning_rate", 1e-3, 1, log: true)
        .AddFloat("momentum", 0, 0.99)
        .AddFloat("weight_decay", 1e-6, 1e-2, log: true);

    /// <summary>The network.</summary>
    public Mlp Model => model;

    /// <summary>Reads the SGD settings from hyperparameters.</summary>
    /// <param name="hyperparameters">The hyperparameters.</param>
    /// <returns>The settings.</returns>
    public static SgdSettings Settings(IReadOnlyDictionary<string, object?> hyperparameters) =>
        new((double)hyperparameters["learning_rate"]!, (double)hyperparameters["momentum"]!, (double)hyperparameters["weight_decay"]!);

    /// <inheritdoc/>
    public void Initialize(PbtHyperparameters hyperparameters)
    {
        settings = Settings(hyperparameters);
        model = new Mlp(Hidden, seed);
    }

    /// <inheritdoc/>
    public ValueTask<double> TrainAsync(int steps, CancellationToken cancellationToken)
    {
        model.Train(data.Train, steps, BatchSize, settings, seed);
        return ValueTask.FromResult(model.Accuracy(data.Validation));
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        model.Save(writer);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask LoadAsync(Stream source, CancellationToken cancellationToken)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        model.Load(reader);
        return ValueTask.CompletedTask;
    }
}
