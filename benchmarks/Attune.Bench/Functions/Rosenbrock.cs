namespace Attune.Bench.Functions;

/// <summary>Rosenbrock (10-D): <c>x0 … x9 ∈ [-5, 10]</c>; f* = 0 at (1, …, 1).</summary>
public sealed class Rosenbrock : VectorFunction
{
    /// <summary>Creates the 10-D function.</summary>
    public Rosenbrock()
        : base(10, -5, 10)
    {
    }

    /// <inheritdoc/>
    public override string Id => "rosenbrock10";

    /// <inheritdoc/>
    public override double? Optimum => 0;

    /// <inheritdoc/>
    public override double[] OptimalPoint => Enumerable.Repeat(1.0, Dimension).ToArray();

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - (x[i] * x[i]);
            var b = x[i] - 1;
            sum += (100 * a * a) + (b * b);
        }

        return sum;
    }
}
