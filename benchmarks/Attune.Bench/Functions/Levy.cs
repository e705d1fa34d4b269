namespace Attune.Bench.Functions;

/// <summary>Levy (10-D): <c>x0 … x9 ∈ [-10, 10]</c>; f* = 0 at (1, …, 1).</summary>
public sealed class Levy : VectorFunction
{
    /// <summary>Creates the 10-D function.</summary>
    public Levy()
        : base(10, -10, 10)
    {
    }

    /// <inheritdoc/>
    public override string Id => "levy10";

    /// <inheritdoc/>
    public override double? Optimum => 0;

    /// <inheritdoc/>
    public override double[] OptimalPoint => Enumerable.Repeat(1.0, Dimension).ToArray();

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        static double W(double v) => 1 + ((v - 1) / 4);

        var s0 = Math.Sin(Math.PI * W(x[0]));
        var f = s0 * s0;
        for (var i = 0; i < n - 1; i++)
        {
            var w = W(x[i]);
            var s = Math.Sin((Math.PI * w) + 1);
            f += (w - 1) * (w - 1) * (1 + (10 * s * s));
        }

        var wl = W(x[n - 1]);
        var sl = Math.Sin(2 * Math.PI * wl);
        f += (wl - 1) * (wl - 1) * (1 + (sl * sl));
        return f;
    }
}
