namespace Attune.Visualization;

/// <summary>A continuous colour scale: colours at positions from 0 to 1, interpolated between.</summary>
/// <param name="Name">A name for the scale.</param>
/// <param name="Stops">Position (0 to 1, increasing) and colour (<c>#rrggbb</c>).</param>
public sealed record ColorScale(string Name, IReadOnlyList<(double Position, string Color)> Stops)
{
    /// <summary>Light to dark blue; used for objective values and trial numbers.</summary>
    public static ColorScale Blues { get; } = new("Blues",
    [
        (0.0, "#f7fbff"), (0.125, "#deebf7"), (0.25, "#c6dbef"), (0.375, "#9ecae1"), (0.5, "#6baed6"),
        (0.625, "#4292c6"), (0.75, "#2171b5"), (0.875, "#08519c"), (1.0, "#08306b"),
    ]);

    /// <summary>Blue (low) through yellow to red (high); used for ranks.</summary>
    public static ColorScale RedYellowBlue { get; } = new("RdYlBu_r",
    [
        (0.0, "#313695"), (0.1, "#4575b4"), (0.2, "#74add1"), (0.3, "#abd9e9"), (0.4, "#e0f3f8"),
        (0.5, "#ffffbf"), (0.6, "#fee090"), (0.7, "#fdae61"), (0.8, "#f46d43"), (0.9, "#d73027"), (1.0, "#a50026"),
    ]);

    /// <summary>The colour at <paramref name="t"/> (clamped to [0, 1]), as <c>#rrggbb</c>.</summary>
    /// <param name="t">The position.</param>
    /// <returns>The interpolated colour.</returns>
    public string ColorAt(double t)
    {
        if (Stops.Count == 0)
        {
            return "#000000";
        }

        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        for (var i = 1; i < Stops.Count; i++)
        {
            if (t <= Stops[i].Position)
            {
                var (p0, c0) = Stops[i - 1];
                var (p1, c1) = Stops[i];
                var f = p1 > p0 ? (t - p0) / (p1 - p0) : 0;
                return Mix(c0, c1, f);
            }
        }

        return Stops[^1].Color;
    }

    private static string Mix(string a, string b, double f)
    {
        var (ar, ag, ab) = Parse(a);
        var (br, bg, bb) = Parse(b);
        return Palette.Hex(ar + ((br - ar) * f), ag + ((bg - ag) * f), ab + ((bb - ab) * f));
    }

    private static (int R, int G, int B) Parse(string hex) =>
        (Convert.ToInt32(hex.Substring(1, 2), 16), Convert.ToInt32(hex.Substring(3, 2), 16), Convert.ToInt32(hex.Substring(5, 2), 16));
}
