namespace Attune.Bench.Functions;

/// <summary>Branin (2-D): <c>x0 ∈ [-5, 10]</c>, <c>x1 ∈ [0, 15]</c>; f* = 5/(4π) at three points.</summary>
public sealed class Branin : BenchmarkFunction
{
    private const double A = 1;
    private const double B = 5.1 / (4 * Math.PI * Math.PI);
    private const double C = 5 / Math.PI;
    private const double R = 6;
    private const double S = 10;
    private const double T = 1 / (8 * Math.PI);

    /// <inheritdoc/>
    public override string Id => "branin";

    /// <inheritdoc/>
    public override double? Optimum => 0.39788735772973816;

    /// <inheritdoc/>
    public override string SpaceDescription => "x0 float[-5, 10], x1 float[0, 15]";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?>? OptimalParams =>
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["x0"] = -Math.PI, ["x1"] = 12.275 };

    /// <summary>The function's value.</summary>
    /// <param name="x0">The first coordinate.</param>
    /// <param name="x1">The second coordinate.</param>
    /// <returns>The value.</returns>
    public static double Value(double x0, double x1)
    {
        var q = x1 - (B * x0 * x0) + (C * x0) - R;
        return (A * q * q) + (S * (1 - T) * Math.Cos(x0)) + S;
    }

    /// <inheritdoc/>
    public override double[] Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var x0 = trial.SuggestFloat("x0", -5, 10);
        var x1 = trial.SuggestFloat("x1", 0, 15);
        return [Value(x0, x1)];
    }
}
