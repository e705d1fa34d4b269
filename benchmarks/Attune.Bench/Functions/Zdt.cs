using System.Globalization;

namespace Attune.Bench.Functions;

/// <summary>
/// The ZDT problems (Zitzler, Deb and Thiele, 2000), two objectives, f1 = x0 (ZDT6: a warped x0) and
/// f2 = g·h(f1, g) with g = 1 on the Pareto front:
/// <list type="bullet">
/// <item>ZDT1, ZDT2, ZDT3: 30-D, x ∈ [0, 1]; g = 1 + 9·Σ_{i≥1} x_i / 29; h = 1 − √(f1/g) (convex front),
/// 1 − (f1/g)² (concave), 1 − √(f1/g) − (f1/g)·sin(10π f1) (five disconnected pieces).</item>
/// <item>ZDT4: 10-D, x0 ∈ [0, 1], x1 … x9 ∈ [−5, 5]; g = 1 + 90 + Σ_{i≥1} (x_i² − 10 cos(4π x_i)) (21⁹ local
/// fronts); h as ZDT1.</item>
/// <item>ZDT6: 10-D, x ∈ [0, 1]; f1 = 1 − exp(−4 x0)·sin⁶(6π x0); g = 1 + 9·(Σ_{i≥1} x_i / 9)^0.25;
/// h as ZDT2 (non-uniform density along a concave front).</item>
/// </list>
/// ZDT1 and ZDT2 are in FUNCTIONS.md's public set; ZDT3, ZDT4 and ZDT6 extend it
/// (docs/benchmark-suite.md). Reference points bound every objective vector the domain can produce, so
/// that every trial counts: (11, 11), except ZDT4 (11, 400), whose g reaches 384.3.
/// </summary>
public sealed class Zdt : BenchmarkFunction
{
    private static readonly double[] Reference = [11, 11];
    private static readonly double[] Reference4 = [11, 400];

    private readonly int variant;
    private readonly string[] names;

    /// <summary>Creates ZDT<paramref name="variant"/>.</summary>
    /// <param name="variant">1, 2, 3, 4 or 6.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="variant"/> is not 1, 2, 3, 4 or 6.</exception>
    public Zdt(int variant)
    {
        if (variant is not (1 or 2 or 3 or 4 or 6))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "ZDT1, ZDT2, ZDT3, ZDT4 and ZDT6 exist (ZDT5 is binary-coded).");
        }

        this.variant = variant;
        Dimension = variant is 4 or 6 ? 10 : 30;
        names = Enumerable.Range(0, Dimension).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The smallest f1 of ZDT6, 1 − exp(−4 x)·sin⁶(6π x) at x = 0.0814577968786842 (bounded Brent minimisation, SciPy).</summary>
    public const double Zdt6MinF1 = 0.2807753188153689;

    /// <summary>The number of coordinates: 30, or 10 for ZDT4 and ZDT6.</summary>
    public int Dimension { get; }

    /// <inheritdoc/>
    public override string Id => "zdt" + variant.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override int ObjectiveCount => 2;

    /// <inheritdoc/>
    /// <remarks>
    /// Analytic: r1·r2 − ∫ h over the front for ZDT1, ZDT2, ZDT4 (121 − 1/3, 121 − 2/3, 4400 − 1/3);
    /// ZDT6: 110 + 10(1 − m) + (1 − m³)/3 with m = <see cref="Zdt6MinF1"/>; ZDT3: the integral of
    /// 11 − (staircase of the front) over f1 ∈ [0, 11], by adaptive quadrature on the five pieces of the
    /// front (SciPy quad, tolerance 1e-13; piece ends refined to 1e-14).
    /// </remarks>
    public override double? OptimalHypervolume => variant switch
    {
        1 => 121 - (1.0 / 3),
        2 => 121 - (2.0 / 3),
        3 => 128.77811613069073,
        4 => 4400 - (1.0 / 3),
        _ => 110 + (10 * (1 - Zdt6MinF1)) + ((1 - (Zdt6MinF1 * Zdt6MinF1 * Zdt6MinF1)) / 3),
    };

    /// <inheritdoc/>
    public override IReadOnlyList<double>? ReferencePoint => variant == 4 ? Reference4 : Reference;

    /// <inheritdoc/>
    public override string SpaceDescription => variant == 4
        ? "x0 float[0, 1], x1..x9 float[-5, 5]"
        : string.Create(CultureInfo.InvariantCulture, $"x0..x{Dimension - 1} float[0, 1]");

    /// <summary>The two objectives at <paramref name="x"/>.</summary>
    /// <param name="x">The point, <see cref="Dimension"/> coordinates.</param>
    /// <returns>(f1, f2).</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length.</exception>
    public double[] Values(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"ZDT{variant} takes {Dimension} coordinates, but got {x.Length}.", nameof(x));
        }

        var sum = 0.0;
        for (var i = 1; i < x.Length; i++)
        {
            sum += variant == 4 ? (x[i] * x[i]) - (10 * Math.Cos(4 * Math.PI * x[i])) : x[i];
        }

        var g = variant switch
        {
            4 => 1 + (10 * (Dimension - 1)) + sum,
            6 => 1 + (9 * Math.Pow(sum / (Dimension - 1), 0.25)),
            _ => 1 + (9 * sum / (Dimension - 1)),
        };
        var f1 = variant == 6 ? 1 - (Math.Exp(-4 * x[0]) * Math.Pow(Math.Sin(6 * Math.PI * x[0]), 6)) : x[0];
        var ratio = f1 / g;
        var h = variant switch
        {
            2 or 6 => 1 - (ratio * ratio),
            3 => 1 - Math.Sqrt(ratio) - (ratio * Math.Sin(10 * Math.PI * f1)),
            _ => 1 - Math.Sqrt(ratio),
        };
        return [f1, g * h];
    }

    /// <inheritdoc/>
    public override double[] Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        Span<double> x = stackalloc double[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            x[i] = variant == 4 && i > 0 ? trial.SuggestFloat(names[i], -5, 5) : trial.SuggestFloat(names[i], 0, 1);
        }

        return Values(x);
    }
}
