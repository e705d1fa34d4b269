using System.Runtime.CompilerServices;

namespace Attune.Cli.Tests;

/// <summary>
/// Compares text with a golden file under Golden/ (plain files, line endings normalized). Set
/// ATTUNE_UPDATE_GOLDEN=1 to write the actual text into the source tree instead.
/// </summary>
internal static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string source = "")
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("ATTUNE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(source)!, "Golden", name), actual);
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.True(File.Exists(path), $"Golden file {name} is missing; run the tests with ATTUNE_UPDATE_GOLDEN=1 to create it.\nActual:\n{actual}");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
