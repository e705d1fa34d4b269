namespace Attune.Cli.Tests;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "attune-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies the fixture journal here and returns its storage URL.</summary>
    public string FixtureStorage()
    {
        var target = File("studies.journal");
        System.IO.File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "studies.journal.log"), target);
        return "journal:" + target;
    }

    /// <summary>Copies a script from Scripts/ here, executable, and returns its path.</summary>
    public string Script(string name)
    {
        var target = File(name);
        System.IO.File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "Scripts", name), target);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

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
