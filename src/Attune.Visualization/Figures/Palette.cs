using System.Globalization;

namespace Attune.Visualization;

/// <summary>The colours figures use, so that both renderers draw the same picture.</summary>
public static class Palette
{
    /// <summary>Objective values and ordinary trials.</summary>
    public const string Blue = "#1f77b4";

    /// <summary>Best-so-far lines and best trials.</summary>
    public const string Red = "#d62728";

    /// <summary>Pruned trials.</summary>
    public const string Orange = "#ff7f0e";

    /// <summary>Running trials.</summary>
    public const string Green = "#2ca02c";

    /// <summary>Infeasible and waiting trials.</summary>
    public const string Grey = "#bbbbbb";

    /// <summary>Failed trials.</summary>
    public const string Purple = "#9467bd";

    /// <summary>Marker outlines and scatter points on contour panels.</summary>
    public const string Black = "#000000";

    /// <summary>The colour of a trial state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>A <c>#rrggbb</c> colour.</returns>
    public static string ForState(TrialState state) => state switch
    {
        TrialState.Complete => Blue,
        TrialState.Pruned => Orange,
        TrialState.Fail => Red,
        TrialState.Running => Green,
        _ => Grey,
    };

    /// <summary>Formats a colour from channel values (rounded and clamped to 0–255).</summary>
    /// <param name="r">Red.</param>
    /// <param name="g">Green.</param>
    /// <param name="b">Blue.</param>
    /// <returns><c>#rrggbb</c>.</returns>
    public static string Hex(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"#{Channel(r):x2}{Channel(g):x2}{Channel(b):x2}");

    private static int Channel(double v) => (int)Math.Clamp(Math.Round(v), 0, 255);
}
