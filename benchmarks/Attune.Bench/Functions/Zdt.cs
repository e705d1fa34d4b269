using System.Globalization;

namespace Attune.Bench.Functions;

/// <summary>
/// ZDT1 and ZDT2 (30-D, 2 objectives): <c>x0 … x29 ∈ [0, 1]</c>, g = 1 + 9·Σ_{i≥1} x_i / 29,
/// f1 = x0, f2 = g·(1 − √(f1/g)) (ZDT1, convex front) or g·(1 − (f1/g)²) (ZDT2, concave front).
/// Reference point (11, 11).
/// </summary>
public sealed class Zdt : BenchmarkFunction
{
    /// <summary>The number of coordinates.</summary>
    public const int Dimension = 30;

    private static readonly string[] Names = Enumerable.Range(0, Dimension).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
    private static readonly double[] Reference = [11, 11];

    private readonly int variant;

    /// <summary>Creates ZDT1 (<paramref name="variant"/> 1) or ZDT2 (2).</summary>
    /// <param name="variant">1 or 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="variant"/> is neither 1 nor 2.</exception>
    public Zdt(int variant)
    {
        if (variant is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "Only ZDT1 and ZDT2 are in the public set.");
        }

        this.variant = variant;
    }

    /// <inheritdoc/>
    public override string Id => variant == 1 ? "zdt1" : "zdt2";

    /// <inheritdoc/>
    public override int ObjectiveCount => 2;

    /// <inheritdoc/>
    public override double? OptimalHypervolume => variant == 1 ? 121 - (1.0 / 3) : 121 - (2.0 / 3);

    /// <inheritdoc/>
    public override IReadOnlyList<double>? ReferencePoint => Reference;

    /// <inheritdoc/>
    public override string SpaceDescription => "x0..x29 float[0, 1]";

    /// <summary>The two objectives at <paramref name="x"/>.</summary>
    /// <param name="x">The point, 30 coordinates.</param>
    /// <returns>(f1, f2).</returns>
    public double[] Values(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"ZDT takes {Dimension} coordinates, but got {x.Length}.", nameof(x));
        }

        var sum = 0.0;
        for (var i = 1; i < x.Length; i++)
        {
            sum += x[i];
        }

        var g = 1 + (9 * sum / (Dimension - 1));
        var f1 = x[0];
        var ratio = f1 / g;
        var f2 = variant == 1 ? g * (1 - Math.Sqrt(ratio)) : g * (1 - (ratio * ratio));
        return [f1, f2];
    }

    /// <inheritdoc/>
    public override double[] Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        Span<double> x = stackalloc double[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            x[i] = trial.SuggestFloat(Names[i], 0, 1);
        }

        return Values(x);
    }
}
