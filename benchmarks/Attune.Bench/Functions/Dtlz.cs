using System.Globalization;

namespace Attune.Bench.Functions;

/// <summary>
/// DTLZ1–DTLZ4 (Deb, Thiele, Laumanns and Zitzler, 2002/2005) with M = 3 objectives and
/// n = M − 1 + k variables x ∈ [0, 1] (k = 5 for DTLZ1, 10 otherwise: n = 7 or 12). The last k variables
/// set g, which is 0 on the Pareto front (at x_i = 0.5):
/// <list type="bullet">
/// <item>DTLZ1: g = 100·(k + Σ ((x_i − 0.5)² − cos(20π(x_i − 0.5)))); f1 = ½ x0 x1 (1 + g),
/// f2 = ½ x0 (1 − x1)(1 + g), f3 = ½ (1 − x0)(1 + g). Linear front Σ f = ½; 11⁵ − 1 local fronts.</item>
/// <item>DTLZ2: g = Σ (x_i − 0.5)²; f1 = (1 + g) cos(x0 π/2) cos(x1 π/2), f2 = (1 + g) cos(x0 π/2) sin(x1 π/2),
/// f3 = (1 + g) sin(x0 π/2). Spherical front ‖f‖ = 1.</item>
/// <item>DTLZ3: DTLZ2 with DTLZ1's multimodal g (3¹⁰ − 1 local fronts).</item>
/// <item>DTLZ4: DTLZ2 with x0, x1 replaced by x0¹⁰⁰, x1¹⁰⁰ in the angles (a biased density of solutions).</item>
/// </list>
/// Reference points bound every objective vector the domain can produce, so that every trial counts:
/// (600, 600, 600) for DTLZ1 (f ≤ ½(1 + 1101.3)), (4, 4, 4) for DTLZ2 and DTLZ4 (f ≤ 1 + 2.5) and
/// (2300, 2300, 2300) for DTLZ3 (f ≤ 1 + 2202.6). HV* is analytic: r³ minus the part of the box's corner
/// at the origin that the front does not dominate, 1/48 for DTLZ1's simplex and π/6 for the octant of the
/// unit ball.
/// </summary>
public sealed class Dtlz : BenchmarkFunction
{
    /// <summary>The number of objectives.</summary>
    public const int Objectives = 3;

    private readonly int variant;
    private readonly string[] names;
    private readonly double[] reference;

    /// <summary>Creates DTLZ<paramref name="variant"/> with three objectives.</summary>
    /// <param name="variant">1, 2, 3 or 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="variant"/> is not 1 to 4.</exception>
    public Dtlz(int variant)
    {
        if (variant is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "DTLZ1 to DTLZ4 are implemented.");
        }

        this.variant = variant;
        Dimension = Objectives - 1 + (variant == 1 ? 5 : 10);
        names = Enumerable.Range(0, Dimension).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var r = variant switch
        {
            1 => 600.0,
            3 => 2300.0,
            _ => 4.0,
        };
        reference = [r, r, r];
    }

    /// <summary>The number of variables: 7 for DTLZ1, 12 otherwise.</summary>
    public int Dimension { get; }

    /// <inheritdoc/>
    public override string Id => "dtlz" + variant.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override int ObjectiveCount => Objectives;

    /// <inheritdoc/>
    public override double? OptimalHypervolume
    {
        get
        {
            var r = reference[0];
            return (r * r * r) - (variant == 1 ? 1.0 / 48 : Math.PI / 6);
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<double>? ReferencePoint => reference;

    /// <inheritdoc/>
    public override string SpaceDescription => string.Create(CultureInfo.InvariantCulture, $"x0..x{Dimension - 1} float[0, 1]");

    /// <summary>The three objectives at <paramref name="x"/>.</summary>
    /// <param name="x">The point, <see cref="Dimension"/> coordinates.</param>
    /// <returns>(f1, f2, f3).</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length.</exception>
    public double[] Values(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"DTLZ{variant} takes {Dimension} coordinates, but got {x.Length}.", nameof(x));
        }

        var tail = x[(Objectives - 1)..];
        var g = 0.0;
        foreach (var xi in tail)
        {
            var d = xi - 0.5;
            g += variant is 1 or 3 ? (d * d) - Math.Cos(20 * Math.PI * d) : d * d;
        }

        if (variant is 1 or 3)
        {
            g = 100 * (tail.Length + g);
        }

        if (variant == 1)
        {
            var half = 0.5 * (1 + g);
            return [half * x[0] * x[1], half * x[0] * (1 - x[1]), half * (1 - x[0])];
        }

        var a = variant == 4 ? Math.Pow(x[0], 100) : x[0];
        var b = variant == 4 ? Math.Pow(x[1], 100) : x[1];
        var scale = 1 + g;
        var c0 = Math.Cos(a * Math.PI / 2);
        return [scale * c0 * Math.Cos(b * Math.PI / 2), scale * c0 * Math.Sin(b * Math.PI / 2), scale * Math.Sin(a * Math.PI / 2)];
    }

    /// <inheritdoc/>
    public override double[] Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        Span<double> x = stackalloc double[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            x[i] = trial.SuggestFloat(names[i], 0, 1);
        }

        return Values(x);
    }
}
