using System.Globalization;

namespace Attune.Bench.Functions;

/// <summary>
/// A single-objective function of <c>x0 … x{d-1}</c>, each a uniform float on the same box
/// [<see cref="Low"/>, <see cref="High"/>].
/// </summary>
public abstract class VectorFunction : BenchmarkFunction
{
    private readonly string[] names;

    /// <summary>Creates the function.</summary>
    /// <param name="dimension">The number of coordinates.</param>
    /// <param name="low">The lower bound of every coordinate.</param>
    /// <param name="high">The upper bound of every coordinate.</param>
    protected VectorFunction(int dimension, double low, double high)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Dimension = dimension;
        Low = low;
        High = high;
        names = new string[dimension];
        for (var i = 0; i < dimension; i++)
        {
            names[i] = "x" + i.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The number of coordinates.</summary>
    public int Dimension { get; }

    /// <summary>The lower bound of every coordinate.</summary>
    public double Low { get; }

    /// <summary>The upper bound of every coordinate.</summary>
    public double High { get; }

    /// <summary>The parameter names <c>x0 … x{d-1}</c>.</summary>
    public IReadOnlyList<string> ParameterNames => names;

    /// <inheritdoc/>
    public override string SpaceDescription => string.Create(
        CultureInfo.InvariantCulture, $"x0..x{Dimension - 1} float[{Low}, {High}]");

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?>? OptimalParams
    {
        get
        {
            var x = OptimalPoint;
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < x.Length; i++)
            {
                map[names[i]] = x[i];
            }

            return map;
        }
    }

    /// <summary>A point where the optimum is reached.</summary>
    public abstract double[] OptimalPoint { get; }

    /// <summary>The function's value at <paramref name="x"/>.</summary>
    /// <param name="x">The point, <see cref="Dimension"/> coordinates.</param>
    /// <returns>The value.</returns>
    public abstract double Value(ReadOnlySpan<double> x);

    /// <inheritdoc/>
    public override double[] Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        Span<double> x = stackalloc double[Dimension];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = trial.SuggestFloat(names[i], Low, High);
        }

        return [Value(x)];
    }
}
