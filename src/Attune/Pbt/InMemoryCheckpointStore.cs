using System.Collections.Concurrent;

namespace Attune.Pbt;

/// <summary>Keeps checkpoints in memory, for runs in one process that need not survive it (tests, small models).</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, byte[]> checkpoints = new(StringComparer.Ordinal);

    /// <summary>The ids of the stored checkpoints (a snapshot).</summary>
    public IReadOnlyCollection<string> Ids => checkpoints.Keys.ToArray();

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    public async ValueTask WriteAsync(string id, Func<Stream, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        CheckpointIds.Validate(id);
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        await write(buffer, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        checkpoints[id] = buffer.ToArray();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    public ValueTask<Stream> OpenReadAsync(string id, CancellationToken cancellationToken)
    {
        CheckpointIds.Validate(id);
        cancellationToken.ThrowIfCancellationRequested();
        return checkpoints.TryGetValue(id, out var bytes)
            ? ValueTask.FromResult<Stream>(new MemoryStream(bytes, writable: false))
            : throw new KeyNotFoundException($"No checkpoint '{id}' in memory.");
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    public ValueTask DeleteAsync(string id, CancellationToken cancellationToken)
    {
        CheckpointIds.Validate(id);
        checkpoints.TryRemove(id, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    public bool Exists(string id)
    {
        CheckpointIds.Validate(id);
        return checkpoints.ContainsKey(id);
    }
}
