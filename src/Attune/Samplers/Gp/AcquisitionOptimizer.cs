using Attune.Numerics.Optimization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Maximizes an acquisition function over a mixed search space, as Optuna's GPSampler does:
/// evaluate it at a scrambled Sobol set of points, start local searches from the best of them, from
/// others drawn with probability ∝ e^(a − a_max) (a roulette that favours good regions without
/// ignoring the rest) and from given warm starts (e.g. the best trial), and return the best point
/// found. A local search alternates L-BFGS-B over the continuous coordinates — preconditioned by
/// the lengthscales, so that every direction has the same curvature scale — with a search over each
/// discrete coordinate (exhaustive for categoricals and grids of at most 16 values, a ternary search
/// over the grid index otherwise), until a full round changes nothing.
/// </summary>
internal sealed class AcquisitionOptimizer
{
    private const int ExhaustiveLimit = 16;
    private const int MaxRounds = 100;
    private readonly IAcquisitionFunction function;
    private readonly GpSearchSpace space;
    private readonly double[] lengthscales;
    private readonly int[] continuous;
    private readonly int[] discrete;
    private readonly double tolerance;

    /// <summary>Prepares the optimizer.</summary>
    /// <param name="function">The function to maximize.</param>
    /// <param name="space">The search space.</param>
    /// <param name="lengthscales">The kernel lengthscale of each coordinate (for preconditioning).</param>
    /// <param name="tolerance">The local search's tolerance: L-BFGS-B stops at a projected gradient of √tolerance. Default 1e-4 (Optuna's).</param>
    public AcquisitionOptimizer(IAcquisitionFunction function, GpSearchSpace space, double[] lengthscales, double tolerance = 1e-4)
    {
        this.function = function;
        this.space = space;
        this.lengthscales = lengthscales;
        this.tolerance = tolerance;
        continuous = Enumerable.Range(0, space.Count).Where(space.IsContinuous).ToArray();
        discrete = Enumerable.Range(0, space.Count).Where(i => !space.IsContinuous(i)).ToArray();
    }

    /// <summary>Finds the best point.</summary>
    /// <param name="candidates">The number of Sobol points evaluated first.</param>
    /// <param name="localSearches">The number of local searches (including the warm starts).</param>
    /// <param name="warmStarts">Extra starting points, admissible coordinates.</param>
    /// <param name="rng">Randomness for the scramble and the roulette.</param>
    /// <returns>The best point and its value.</returns>
    public (double[] Point, double Value) Maximize(int candidates, int localSearches, IReadOnlyList<double[]> warmStarts, SeededRandom rng)
    {
        var d = space.Count;
        var sobol = new SobolSequence(d, rng.NextUInt64());
        var points = new double[candidates * d];
        Span<double> unit = d <= 256 ? stackalloc double[d] : new double[d];
        for (var i = 0; i < candidates; i++)
        {
            sobol.Point(i, unit);
            space.FromUnitCube(unit, points.AsSpan(i * d, d));
        }

        var values = new double[candidates];
        function.EvaluateBatch(points, candidates, values);
        var bestIndex = 0;
        for (var i = 1; i < candidates; i++)
        {
            if (values[i] > values[bestIndex] || double.IsNaN(values[bestIndex]))
            {
                bestIndex = i;
            }
        }

        var starts = new List<double[]> { points.AsSpan(bestIndex * d, d).ToArray() };
        var roulette = Math.Max(0, localSearches - 1 - warmStarts.Count);
        foreach (var index in Roulette(values, bestIndex, roulette, rng))
        {
            starts.Add(points.AsSpan(index * d, d).ToArray());
        }

        foreach (var start in warmStarts.Take(Math.Max(0, localSearches - 1)))
        {
            starts.Add((double[])start.Clone());
        }

        var best = starts[0];
        var bestValue = values[bestIndex];
        foreach (var start in starts)
        {
            var (point, value) = LocalSearch(start);
            if (value > bestValue || double.IsNaN(bestValue))
            {
                best = point;
                bestValue = value;
            }
        }

        return (best, bestValue);
    }

    /// <summary>A local search from one point (see the class remarks).</summary>
    /// <param name="start">The starting point (admissible coordinates).</param>
    /// <returns>The point reached and its value.</returns>
    public (double[] Point, double Value) LocalSearch(double[] start)
    {
        var x = (double[])start.Clone();
        var value = function.Evaluate(x);
        const int Continuous = -1;
        int? lastChanged = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            if (lastChanged == Continuous)
            {
                break;
            }

            if (GradientAscent(x, ref value))
            {
                lastChanged = Continuous;
            }

            foreach (var i in discrete)
            {
                if (lastChanged == i)
                {
                    return (x, value);
                }

                if (DiscreteSearch(x, i, ref value))
                {
                    lastChanged = i;
                }
            }

            if (lastChanged is null)
            {
                break;
            }
        }

        return (x, value);
    }

    private static IEnumerable<int> Roulette(double[] values, int bestIndex, int count, SeededRandom rng)
    {
        var weights = new double[values.Length];
        var max = values[bestIndex];
        var total = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            weights[i] = i == bestIndex || !double.IsFinite(values[i]) || !double.IsFinite(max) ? 0 : Math.Exp(values[i] - max);
            total += weights[i];
        }

        for (var k = 0; k < count && total > 0; k++)
        {
            var target = rng.NextDouble() * total;
            var chosen = -1;
            for (var i = 0; i < weights.Length; i++)
            {
                if (weights[i] <= 0)
                {
                    continue;
                }

                chosen = i;
                target -= weights[i];
                if (target < 0)
                {
                    break;
                }
            }

            if (chosen < 0)
            {
                yield break;
            }

            total -= weights[chosen];
            weights[chosen] = 0;
            yield return chosen;
        }
    }

    // L-BFGS-B on the continuous coordinates in units of their lengthscales, z = x/ℓ ∈ [0, 1/ℓ].
    private bool GradientAscent(double[] x, ref double value)
    {
        if (continuous.Length == 0)
        {
            return false;
        }

        var c = continuous.Length;
        var z = new double[c];
        var lower = new double[c];
        var upper = new double[c];
        for (var k = 0; k < c; k++)
        {
            var scale = lengthscales[continuous[k]];
            z[k] = x[continuous[k]] / scale;
            upper[k] = 1 / scale;
        }

        var work = (double[])x.Clone();
        var gradient = new double[x.Length];
        double Negative(ReadOnlySpan<double> scaled, Span<double> g)
        {
            for (var k = 0; k < c; k++)
            {
                work[continuous[k]] = scaled[k] * lengthscales[continuous[k]];
            }

            var f = function.EvaluateWithGradient(work, gradient);
            for (var k = 0; k < c; k++)
            {
                g[k] = -gradient[continuous[k]] * lengthscales[continuous[k]];
            }

            return double.IsNaN(f) ? double.PositiveInfinity : -f;
        }

        var result = LBfgsB.Minimize(Negative, z, lower, upper, new LBfgsBOptions
        {
            GradientTolerance = Math.Sqrt(tolerance),
            MaxIterations = 200,
            MaxEvaluations = 400,
        });
        if (!(-result.Value > value) || result.Iterations == 0)
        {
            return false;
        }

        for (var k = 0; k < c; k++)
        {
            x[continuous[k]] = Math.Clamp(z[k] * lengthscales[continuous[k]], 0, 1);
        }

        value = -result.Value;
        return true;
    }

    private bool DiscreteSearch(double[] x, int i, ref double value)
    {
        var choices = space.Choices(i);
        if (choices.Length <= 1)
        {
            return false;
        }

        var current = x[i];
        var bestChoice = current;
        var bestValue = value;
        if (space.IsCategorical[i] || choices.Length <= ExhaustiveLimit)
        {
            foreach (var choice in choices)
            {
                if (choice == current)
                {
                    continue;
                }

                x[i] = choice;
                var f = function.Evaluate(x);
                if (f > bestValue)
                {
                    bestValue = f;
                    bestChoice = choice;
                }
            }
        }
        else
        {
            // Ternary search over the grid index, with cached evaluations, then the last few indices exhaustively.
            var cache = new Dictionary<int, double>();
            var grid = choices.ToArray();
            double At(int k)
            {
                if (!cache.TryGetValue(k, out var f))
                {
                    x[i] = grid[k];
                    f = function.Evaluate(x);
                    cache[k] = double.IsNaN(f) ? double.NegativeInfinity : f;
                }

                return cache[k];
            }

            var lo = 0;
            var hi = choices.Length - 1;
            while (hi - lo > 3)
            {
                var m1 = lo + ((hi - lo) / 3);
                var m2 = hi - ((hi - lo) / 3);
                if (At(m1) >= At(m2))
                {
                    hi = m2;
                }
                else
                {
                    lo = m1 + 1;
                }
            }

            for (var k = lo; k <= hi; k++)
            {
                if (choices[k] != current && At(k) > bestValue)
                {
                    bestValue = At(k);
                    bestChoice = choices[k];
                }
            }
        }

        x[i] = bestChoice;
        if (bestValue > value)
        {
            value = bestValue;
            return true;
        }

        return false;
    }
}
