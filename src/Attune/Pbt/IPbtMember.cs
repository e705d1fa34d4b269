namespace Attune.Pbt;

/// <summary>
/// One model of a population that <see cref="PopulationBasedTraining"/> trains: it is created from
/// hyperparameters, trained a number of steps at a time, and saved to and restored from a checkpoint.
/// </summary>
/// <remarks>
/// The runner creates a new instance (through the factory it was given) for every segment of training,
/// calls <see cref="Initialize"/> with the hyperparameters in force for that segment, then
/// <see cref="LoadAsync"/> when the segment continues from a checkpoint (the member's own, or a better
/// member's after an exploit), then <see cref="TrainAsync"/> and <see cref="SaveAsync"/>. The checkpoint
/// holds the model's state (weights, optimizer state, step count); the hyperparameters come from
/// <see cref="Initialize"/>, so a restored model continues with the new ones. An instance that implements
/// <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/> is disposed after its segment.
/// </remarks>
public interface IPbtMember
{
    /// <summary>Creates a fresh model with the given hyperparameters.</summary>
    /// <param name="hyperparameters">The hyperparameters in force for the coming segment.</param>
    void Initialize(PbtHyperparameters hyperparameters);

    /// <summary>Trains the model for <paramref name="steps"/> steps and returns its score (e.g. validation accuracy).</summary>
    /// <param name="steps">The number of steps, at least 1.</param>
    /// <param name="cancellationToken">Cancels the training; the segment is then recorded as failed and retried when the run resumes.</param>
    /// <returns>The score after training; must be finite. The study's direction says whether larger is better.</returns>
    ValueTask<double> TrainAsync(int steps, CancellationToken cancellationToken);

    /// <summary>Writes the model's state to a checkpoint.</summary>
    /// <param name="destination">The stream to write to; the runner disposes it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the state is written.</returns>
    ValueTask SaveAsync(Stream destination, CancellationToken cancellationToken);

    /// <summary>Restores the model's state from a checkpoint written by <see cref="SaveAsync"/>, keeping the hyperparameters given to <see cref="Initialize"/>.</summary>
    /// <param name="source">The stream to read from; the runner disposes it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the state is restored.</returns>
    ValueTask LoadAsync(Stream source, CancellationToken cancellationToken);
}
