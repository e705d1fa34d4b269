namespace Attune.Tests.Storage.Journal;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "attune-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies a fixture from the test output's Fixtures folder into this directory, writable.</summary>
    public string CopyFixture(string name)
    {
        var target = File(name);
        System.IO.File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name), target, overwrite: true);
        System.IO.File.SetAttributes(target, FileAttributes.Normal);
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
