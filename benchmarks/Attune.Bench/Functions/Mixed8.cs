namespace Attune.Bench.Functions;

/// <summary>
/// mixed8: three floats, a log float, an int, a log int and two categoricals, with an interaction
/// between <c>c1</c> and <c>x3</c>; f* = 0 at x1 = 1, x2 = 1, x3 = 7, x4 = 10^−2.5, n1 = 13, n2 = 64,
/// c1 = "b", c2 = "relu".
/// </summary>
public sealed class Mixed8 : BenchmarkFunction
{
    /// <summary>The choices of <c>c1</c>, in the documented order.</summary>
    public static readonly IReadOnlyList<string> C1Choices = ["a", "b", "c"];

    /// <summary>The choices of <c>c2</c>, in the documented order.</summary>
    public static readonly IReadOnlyList<string> C2Choices = ["relu", "tanh", "sigmoid", "linear"];

    /// <inheritdoc/>
    public override string Id => "mixed8";

    /// <inheritdoc/>
    public override double? Optimum => 0;

    /// <inheritdoc/>
    public override string SpaceDescription =>
        "x1, x2 float[-5, 5], x3 float[0, 10], x4 float[1e-4, 1] log, n1 int[1, 20], n2 int[1, 1024] log, c1 cat{a, b, c}, c2 cat{relu, tanh, sigmoid, linear}";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?>? OptimalParams => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["x1"] = 1.0,
        ["x2"] = 1.0,
        ["x3"] = 7.0,
        ["x4"] = Math.Pow(10, -2.5),
        ["n1"] = 13,
        ["n2"] = 64,
        ["c1"] = "b",
        ["c2"] = "relu",
    };

    /// <summary>The function's value.</summary>
    /// <param name="x1">x1 in [-5, 5].</param>
    /// <param name="x2">x2 in [-5, 5].</param>
    /// <param name="x3">x3 in [0, 10].</param>
    /// <param name="x4">x4 in [1e-4, 1].</param>
    /// <param name="n1">n1 in [1, 20].</param>
    /// <param name="n2">n2 in [1, 1024].</param>
    /// <param name="c1">One of <see cref="C1Choices"/>.</param>
    /// <param name="c2">One of <see cref="C2Choices"/>.</param>
    /// <returns>The value.</returns>
    public static double Value(double x1, double x2, double x3, double x4, int n1, int n2, string c1, string c2)
    {
        var (target, offset1) = c1 switch
        {
            "a" => (2.0, 1.0),
            "b" => (7.0, 0.0),
            "c" => (5.0, 0.5),
            _ => throw new ArgumentException($"c1 must be one of a, b, c, but got '{c1}'.", nameof(c1)),
        };
        var offset2 = c2 switch
        {
            "relu" => 0.0,
            "tanh" => 0.3,
            "sigmoid" => 1.0,
            "linear" => 2.0,
            _ => throw new ArgumentException($"c2 must be one of relu, tanh, sigmoid, linear, but got '{c2}'.", nameof(c2)),
        };

        var valley1 = x1 - 1;
        var valley2 = x2 - (x1 * x1);
        var interaction = (x3 - target) / 2;
        var logTerm = Math.Log10(x4) + 2.5;
        var intTerm = n1 - 13.0;
        var logIntTerm = Math.Log2(n2) - 6;
        return (valley1 * valley1) + (5 * valley2 * valley2)
            + (interaction * interaction)
            + (logTerm * logTerm)
            + (intTerm * intTerm / 10)
            + (logIntTerm * logIntTerm / 4)
            + offset1 + offset2;
    }

    /// <inheritdoc/>
    public override double[] Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var x1 = trial.SuggestFloat("x1", -5, 5);
        var x2 = trial.SuggestFloat("x2", -5, 5);
        var x3 = trial.SuggestFloat("x3", 0, 10);
        var x4 = trial.SuggestFloat("x4", 1e-4, 1, log: true);
        var n1 = trial.SuggestInt("n1", 1, 20);
        var n2 = trial.SuggestInt("n2", 1, 1024, log: true);
        var c1 = trial.SuggestCategorical("c1", C1Choices);
        var c2 = trial.SuggestCategorical("c2", C2Choices);
        return [Value(x1, x2, x3, x4, n1, n2, c1, c2)];
    }
}
