namespace Attune.Bench.Functions;

/// <summary>Ackley (10-D): <c>x0 … x9 ∈ [-32.768, 32.768]</c>; f* = 0 at the centre of the box.</summary>
public sealed class Ackley : VectorFunction
{
    private const double A = 20;
    private const double B = 0.2;
    private const double C = 2 * Math.PI;

    /// <summary>Creates the 10-D function.</summary>
    public Ackley()
        : base(10, -32.768, 32.768)
    {
    }

    /// <inheritdoc/>
    public override string Id => "ackley10";

    /// <inheritdoc/>
    public override double? Optimum => 0;

    /// <inheritdoc/>
    public override double[] OptimalPoint => new double[Dimension];

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> x)
    {
        var squares = 0.0;
        var cosines = 0.0;
        foreach (var v in x)
        {
            squares += v * v;
            cosines += Math.Cos(C * v);
        }

        double d = x.Length;
        return (-A * Math.Exp(-B * Math.Sqrt(squares / d))) - Math.Exp(cosines / d) + A + Math.E;
    }
}
