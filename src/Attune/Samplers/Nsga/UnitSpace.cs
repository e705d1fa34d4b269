namespace Attune.Samplers;

/// <summary>
/// The search space of one child, split into numerical parameters mapped to the unit cube and
/// categorical parameters kept as choice indices. Names are in ordinal order, so that a child's
/// random draws do not depend on dictionary order.
/// </summary>
/// <remarks>
/// Coordinates: a float maps linearly to [0, 1], a log float linearly in log space; a float with a step
/// or an int gives each of its n grid values the cell [k/n, (k+1)/n) and maps to the cell's centre; a log
/// int maps log-linearly over [low − 0.5, high + 0.5], so each integer owns the width of its cell in log
/// space. Decoding takes any coordinate (clamped to [0, 1]) back to a value the distribution contains.
/// </remarks>
internal sealed class UnitSpace
{
    public UnitSpace(IReadOnlyDictionary<string, Distribution> space)
    {
        var numeric = new List<string>();
        var categorical = new List<string>();
        foreach (var (name, distribution) in space)
        {
            if (distribution.IsSingle)
            {
                continue;
            }

            (distribution is CategoricalDistribution ? categorical : numeric).Add(name);
        }

        numeric.Sort(StringComparer.Ordinal);
        categorical.Sort(StringComparer.Ordinal);
        Numeric = [.. numeric];
        Categorical = [.. categorical];
        NumericDistributions = Numeric.Select(n => space[n]).ToArray();
        CategoricalDistributions = Categorical.Select(n => (CategoricalDistribution)space[n]).ToArray();
    }

    public string[] Numeric { get; }

    public Distribution[] NumericDistributions { get; }

    public string[] Categorical { get; }

    public CategoricalDistribution[] CategoricalDistributions { get; }

    /// <summary>Whether a trial has every parameter of the space (with the same distributions).</summary>
    public bool Covers(TrialRecord trial)
    {
        for (var k = 0; k < Numeric.Length; k++)
        {
            if (!trial.Distributions.TryGetValue(Numeric[k], out var d) || !d.Equals(NumericDistributions[k]))
            {
                return false;
            }
        }

        for (var k = 0; k < Categorical.Length; k++)
        {
            if (!trial.Distributions.TryGetValue(Categorical[k], out var d) || !d.Equals(CategoricalDistributions[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes a trial's numerical parameters as unit-cube coordinates.</summary>
    public void Encode(TrialRecord trial, Span<double> unit)
    {
        for (var k = 0; k < Numeric.Length; k++)
        {
            unit[k] = ToUnit(trial.InternalParams[Numeric[k]], NumericDistributions[k]);
        }
    }

    /// <summary>The coordinate in [0, 1] of an internal value.</summary>
    public static double ToUnit(double value, Distribution distribution)
    {
        double u;
        switch (distribution)
        {
            case FloatDistribution f when f.Step is { } step:
                {
                    var count = Math.Round((f.High - f.Low) / step) + 1;
                    u = (Math.Round((value - f.Low) / step) + 0.5) / count;
                    break;
                }

            case FloatDistribution f when f.Log:
                u = (Math.Log(value) - Math.Log(f.Low)) / (Math.Log(f.High) - Math.Log(f.Low));
                break;

            case FloatDistribution f:
                u = (value - f.Low) / (f.High - f.Low);
                break;

            case IntDistribution i when i.Log:
                {
                    var logLow = Math.Log(i.Low - 0.5);
                    u = (Math.Log(value) - logLow) / (Math.Log(i.High + 0.5) - logLow);
                    break;
                }

            case IntDistribution i:
                u = (Math.Round((value - i.Low) / i.Step) + 0.5) / i.Count;
                break;

            default:
                throw new ArgumentException($"{distribution} has no unit-cube coordinate.", nameof(distribution));
        }

        return Math.Clamp(u, 0, 1);
    }

    /// <summary>The internal value of a coordinate (clamped to [0, 1]); the distribution contains it.</summary>
    public static double FromUnit(double u, Distribution distribution)
    {
        u = Math.Clamp(u, 0, 1);
        switch (distribution)
        {
            case FloatDistribution f when f.Step is { } step:
                {
                    var count = (long)Math.Round((f.High - f.Low) / step) + 1;
                    return Math.Min(f.High, f.Low + (Cell(u, count) * step));
                }

            case FloatDistribution f when f.Log:
                {
                    var logLow = Math.Log(f.Low);
                    return Math.Clamp(Math.Exp(logLow + (u * (Math.Log(f.High) - logLow))), f.Low, f.High);
                }

            case FloatDistribution f:
                return Math.Clamp(f.Low + (u * (f.High - f.Low)), f.Low, f.High);

            case IntDistribution i when i.Log:
                {
                    var logLow = Math.Log(i.Low - 0.5);
                    var value = Math.Round(Math.Exp(logLow + (u * (Math.Log(i.High + 0.5) - logLow))));
                    return Math.Clamp(value, i.Low, i.High);
                }

            case IntDistribution i:
                return i.Low + (Cell(u, i.Count) * (double)i.Step);

            default:
                throw new ArgumentException($"{distribution} has no unit-cube coordinate.", nameof(distribution));
        }
    }

    private static long Cell(double u, long count) => Math.Clamp((long)Math.Floor(u * count), 0, count - 1);
}
