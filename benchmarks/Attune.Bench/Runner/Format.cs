using System.Globalization;

namespace Attune.Bench.Runner;

/// <summary>Number formats of the tables, matching shared/bench/optuna-3.1.md.</summary>
public static class Format
{
    /// <summary>
    /// Three significant digits as optuna-3.1.md prints them: <c>0.0163</c>, <c>19.8</c>, <c>13</c>;
    /// whole numbers from 1000 up (<c>82651</c>); <c>2.79e-04</c> below 0.001; <c>0</c> for zero.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Sig3(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return "0";
        }

        var magnitude = Math.Abs(value);
        if (magnitude < 1e-3)
        {
            return value.ToString("0.00e+00", CultureInfo.InvariantCulture);
        }

        var rounded = double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (Math.Abs(rounded) >= 1000 || magnitude >= 1000)
        {
            return Math.Round(value, MidpointRounding.ToEven).ToString("0", CultureInfo.InvariantCulture);
        }

        return rounded.ToString("G3", CultureInfo.InvariantCulture);
    }

    /// <summary>A table cell "median [25th, 75th]".</summary>
    /// <param name="q">The quartiles.</param>
    /// <returns>The text, or <c>-</c> when there are no values.</returns>
    public static string Cell(Quartiles q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return q.Count == 0 ? "-" : $"{Sig3(q.Median)} [{Sig3(q.Q25)}, {Sig3(q.Q75)}]";
    }

    /// <summary>Six significant digits (Python's <c>%g</c>), for optima.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string G6(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A ratio with three significant digits, or <c>-</c> when undefined.</summary>
    /// <param name="ours">Our value.</param>
    /// <param name="theirs">The reference value.</param>
    /// <returns>The text.</returns>
    public static string Ratio(double ours, double theirs)
    {
        if (double.IsNaN(ours) || double.IsNaN(theirs))
        {
            return "-";
        }

        if (theirs == 0)
        {
            return ours == 0 ? "1" : "inf";
        }

        return Sig3(ours / theirs);
    }
}
