using System.Globalization;

namespace Attune.Visualization;

/// <summary>Maps data values on an <see cref="Axis"/> to pixels, and chooses its ticks.</summary>
internal sealed class AxisScale
{
    private static readonly double[] TimeSteps =
    [
        1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5,
    ];

    private readonly double lo;
    private readonly double hi;
    private readonly double from;
    private readonly double to;

    private AxisScale(Axis axis, double lo, double hi, double from, double to)
    {
        Axis = axis;
        this.lo = lo;
        this.hi = hi;
        this.from = from;
        this.to = to;
    }

    public Axis Axis { get; }

    /// <summary>A scale over <paramref name="values"/> (padded 5%), or the axis's fixed range, mapped onto pixels [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static AxisScale Fit(Axis axis, IEnumerable<double> values, double from, double to)
    {
        double lo, hi;
        if (axis.Type == AxisType.Category && axis.Categories is { } categories)
        {
            (lo, hi) = (-0.5, Math.Max(0, categories.Count - 1) + 0.5);
        }
        else
        {
            lo = double.PositiveInfinity;
            hi = double.NegativeInfinity;
            foreach (var v in values)
            {
                var t = Transform(axis.Type, v);
                if (double.IsFinite(t))
                {
                    lo = Math.Min(lo, t);
                    hi = Math.Max(hi, t);
                }
            }

            if (!double.IsFinite(lo))
            {
                (lo, hi) = (0, 1);
            }
            else if (hi > lo)
            {
                var pad = (hi - lo) * 0.05;
                (lo, hi) = (lo - pad, hi + pad);
            }
            else
            {
                var pad = axis.Type switch
                {
                    AxisType.Log => 0.5,
                    AxisType.Date => 30_000,
                    _ => Math.Max(Math.Abs(lo) * 0.1, 1),
                };
                (lo, hi) = (lo - pad, hi + pad);
            }
        }

        if (axis.Min is { } min)
        {
            lo = Transform(axis.Type, min);
        }

        if (axis.Max is { } max)
        {
            hi = Transform(axis.Type, max);
        }

        return new AxisScale(axis, lo, hi, from, to);
    }

    /// <summary>The pixel of a data value (NaN when it cannot be placed, e.g. a non-positive value on a log axis).</summary>
    public double Map(double value)
    {
        var t = Transform(Axis.Type, value);
        return from + ((t - lo) / (hi - lo) * (to - from));
    }

    /// <summary>Tick positions (pixels) and labels.</summary>
    public List<(double Pixel, string Label)> Ticks()
    {
        var ticks = new List<(double, string)>();
        switch (Axis.Type)
        {
            case AxisType.Category when Axis.Categories is { } categories:
                for (var i = 0; i < categories.Count; i++)
                {
                    ticks.Add((Map(i), categories[i]));
                }

                break;
            case AxisType.Log:
                for (var p = Math.Ceiling(lo); p <= Math.Floor(hi); p++)
                {
                    ticks.Add((Map(Math.Pow(10, p)), Math.Pow(10, p).ToString("G3", CultureInfo.InvariantCulture)));
                }

                if (ticks.Count < 2)
                {
                    ticks.Clear();
                    foreach (var t in Nice(lo, hi, 4))
                    {
                        var v = Math.Pow(10, t);
                        ticks.Add((Map(v), v.ToString("G3", CultureInfo.InvariantCulture)));
                    }
                }

                break;
            case AxisType.Date:
                var span = hi - lo;
                var step = TimeSteps.FirstOrDefault(s => span / s <= 6, TimeSteps[^1]);
                var format = span > 864e5 ? "MM-dd HH:mm" : step < 6e4 ? "HH:mm:ss" : "HH:mm";
                for (var t = Math.Ceiling(lo / step) * step; t <= hi; t += step)
                {
                    ticks.Add((Map(t), DateTimeOffset.FromUnixTimeMilliseconds((long)t).UtcDateTime.ToString(format, CultureInfo.InvariantCulture)));
                }

                break;
            default:
                foreach (var t in Nice(lo, hi, 6))
                {
                    ticks.Add((Map(t), Label(t)));
                }

                break;
        }

        return ticks;
    }

    /// <summary>About <paramref name="count"/> round numbers (1, 2 or 5 times a power of ten apart) within [lo, hi].</summary>
    public static List<double> Nice(double lo, double hi, int count)
    {
        var result = new List<double>();
        if (!(hi > lo))
        {
            result.Add(lo);
            return result;
        }

        var raw = (hi - lo) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        for (var t = Math.Ceiling(lo / step) * step; t <= hi + (step * 1e-9); t += step)
        {
            result.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }

        return result;
    }

    public static string Label(double value) => value.ToString("G5", CultureInfo.InvariantCulture);

    private static double Transform(AxisType type, double value) => type == AxisType.Log
        ? value > 0 ? Math.Log10(value) : double.NaN
        : value;
}
