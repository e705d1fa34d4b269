using System.Globalization;

namespace Attune;

/// <summary>
/// Numbers and number vectors in trial system attributes, where NaN and infinities have no JSON
/// form of their own: a finite number is stored as itself, a non-finite one as the string
/// <c>"NaN"</c>, <c>"Infinity"</c> or <c>"-Infinity"</c> (the tokens of Python's <c>json</c>).
/// </summary>
internal static class AttributeNumbers
{
    /// <summary>A number in attribute form.</summary>
    public static object Encode(double value) => double.IsFinite(value) ? value : value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ => "NaN",
    };

    /// <summary>A vector in attribute form: a list of numbers and tokens.</summary>
    public static List<object?> Encode(IReadOnlyList<double> values)
    {
        var list = new List<object?>(values.Count);
        foreach (var value in values)
        {
            list.Add(Encode(value));
        }

        return list;
    }

    /// <summary>Reads a number written by <see cref="Encode(double)"/> (or by Optuna, which writes plain numbers).</summary>
    public static bool TryDecode(object? value, out double number)
    {
        switch (value)
        {
            case double d:
                number = d;
                return true;
            case long l:
                number = l;
                return true;
            case string s when s is "NaN" or "Infinity" or "-Infinity":
                number = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
                return true;
            default:
                number = double.NaN;
                return false;
        }
    }

    /// <summary>Reads a vector written by <see cref="Encode(IReadOnlyList{double})"/>.</summary>
    public static bool TryDecode(object? value, out double[] vector)
    {
        if (value is IReadOnlyList<object?> list)
        {
            vector = new double[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                if (!TryDecode(list[i], out vector[i]))
                {
                    vector = [];
                    return false;
                }
            }

            return true;
        }

        vector = [];
        return false;
    }
}
