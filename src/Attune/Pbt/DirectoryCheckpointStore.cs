namespace Attune.Pbt;

/// <summary>
/// Keeps checkpoints as files <c>{id}.ckpt</c> in a directory, which runners in several processes (or machines,
/// on a shared file system) may share. A checkpoint is written to a temporary file in the same directory and
/// renamed into place, so readers never see a partial checkpoint and a crash mid-write leaves the old one intact.
/// </summary>
public sealed class DirectoryCheckpointStore : ICheckpointStore
{
    private const string Extension = ".ckpt";

    /// <summary>Creates a store over a directory, creating the directory when it does not exist.</summary>
    /// <param name="directory">The directory.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public DirectoryCheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The directory's full path.</summary>
    public string Directory { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    public async ValueTask WriteAsync(string id, Func<Stream, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = PathOf(id);
        var temporary = Path.Combine(Directory, $".{id}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    public ValueTask<Stream> OpenReadAsync(string id, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return ValueTask.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true));
        }
        catch (FileNotFoundException e)
        {
            throw new KeyNotFoundException($"No checkpoint '{id}' in {Directory}.", e);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    public ValueTask DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        cancellationToken.ThrowIfCancellationRequested();
        File.Delete(path);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    public bool Exists(string id) => File.Exists(PathOf(id));

    private string PathOf(string id)
    {
        CheckpointIds.Validate(id);
        return Path.Combine(Directory, id + Extension);
    }
}
