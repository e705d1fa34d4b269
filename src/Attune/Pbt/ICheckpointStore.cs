namespace Attune.Pbt;

/// <summary>
/// Where population-based training keeps its members' checkpoints, by id. Implementations must be safe to use
/// from several threads (and, when runners in several processes share it, from several processes): a checkpoint
/// becomes visible only once completely written.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Writes a checkpoint, replacing one with the same id; readers see either the old or the new one, never a partial write.</summary>
    /// <param name="id">The id: letters, digits, '-', '_' and '.'.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is stored then.</param>
    /// <returns>A task that completes when the checkpoint is stored.</returns>
    ValueTask WriteAsync(string id, Func<Stream, CancellationToken, ValueTask> write, CancellationToken cancellationToken);

    /// <summary>Opens a checkpoint for reading.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The content; the caller disposes it.</returns>
    /// <exception cref="KeyNotFoundException">No checkpoint has that id.</exception>
    ValueTask<Stream> OpenReadAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes a checkpoint; nothing happens when it does not exist.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes when the checkpoint is gone.</returns>
    ValueTask DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Whether a checkpoint exists.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    bool Exists(string id);
}
