namespace Attune.Bench.Functions;

/// <summary>Styblinski–Tang (10-D): <c>x0 … x9 ∈ [-5, 5]</c>; f* = −391.6616570377142 at x_i = −2.903534027771178.</summary>
public sealed class StyblinskiTang : VectorFunction
{
    /// <summary>Creates the 10-D function.</summary>
    public StyblinskiTang()
        : base(10, -5, 5)
    {
    }

    /// <inheritdoc/>
    public override string Id => "styblinski_tang10";

    /// <inheritdoc/>
    public override double? Optimum => -391.6616570377142;

    /// <inheritdoc/>
    public override double[] OptimalPoint => Enumerable.Repeat(-2.903534027771178, Dimension).ToArray();

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            var v2 = v * v;
            sum += (v2 * v2) - (16 * v2) + (5 * v);
        }

        return 0.5 * sum;
    }
}
