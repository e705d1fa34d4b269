using System.Reflection;

namespace Attune.Visualization;

/// <summary>The embedded plotly.js (npm package <c>plotly.js-dist-min</c>, MIT licence), read once per call site.</summary>
internal static class PlotlyScript
{
    private const string ResourceName = "Attune.Visualization.plotly.min.js";

    /// <summary>The minified plotly.js source.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly (a broken build).</exception>
    public static string Load()
    {
        using var stream = typeof(PlotlyScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(PlotlyScript).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The plotly.js version, from the first comment of the file.</summary>
    public static string Version(string source)
    {
        var marker = source.IndexOf("plotly.js v", StringComparison.Ordinal);
        if (marker < 0)
        {
            return "unknown";
        }

        var start = marker + "plotly.js v".Length;
        var end = start;
        while (end < source.Length && !char.IsWhiteSpace(source[end]))
        {
            end++;
        }

        return source[start..end];
    }

    /// <summary>The informational version of this assembly, for file headers.</summary>
    public static string AttuneVersion =>
        typeof(PlotlyScript).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
