namespace Attune.Bench.Functions;

/// <summary>Hartmann6: <c>x0 … x5 ∈ [0, 1]</c>; f* = −3.3223680114155147.</summary>
public sealed class Hartmann6 : VectorFunction
{
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] AMatrix =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] PMatrix =
    {
        { 1312, 1696, 5569, 124, 8283, 5886 },
        { 2329, 4135, 8307, 3736, 1004, 9991 },
        { 2348, 1451, 3522, 2883, 3047, 6650 },
        { 4047, 8828, 8732, 5743, 1091, 381 },
    };

    /// <summary>Creates the function.</summary>
    public Hartmann6()
        : base(6, 0, 1)
    {
    }

    /// <inheritdoc/>
    public override string Id => "hartmann6";

    /// <inheritdoc/>
    public override double? Optimum => -3.3223680114155147;

    /// <inheritdoc/>
    public override double[] OptimalPoint => [0.201689510, 0.150010690, 0.476873980, 0.275332429, 0.311651618, 0.657300530];

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> x)
    {
        var total = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++)
            {
                var d = x[j] - (1e-4 * PMatrix[i, j]);
                inner += AMatrix[i, j] * d * d;
            }

            total += Alpha[i] * Math.Exp(-inner);
        }

        return -total;
    }
}
