using System.Globalization;

namespace Attune.Numerics.Optimization;

/// <summary>A function and its gradient: returns f(x) and writes ∇f(x) to <c>gradient</c>.</summary>
/// <param name="x">The point.</param>
/// <param name="gradient">Receives the gradient.</param>
/// <returns>The value; NaN or ∞ marks a point to avoid.</returns>
internal delegate double ObjectiveWithGradient(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>
/// L-BFGS-B: limited-memory quasi-Newton minimization subject to bounds l ≤ x ≤ u (Byrd, Lu,
/// Nocedal and Zhu, "A limited memory algorithm for bound constrained optimization", SIAM J. Sci.
/// Comput. 16, 1995). Each iteration finds the generalized Cauchy point along the projected
/// gradient path (<see cref="CauchyPoint"/>), minimizes the quadratic model over the variables left
/// free (<see cref="SubspaceMinimization"/>), and searches along the resulting direction with a
/// backtracking line search (sufficient decrease, safeguarded quadratic interpolation; a correction
/// is stored only when its curvature is positive).
/// </summary>
/// <remarks>
/// The point returned is the best one evaluated, not merely the last: a failed line search or a
/// non-finite value never loses progress. Infinite bounds mean no bound; a variable with equal
/// bounds is fixed.
/// </remarks>
internal static class LBfgsB
{
    private const double Armijo = 1e-4;

    /// <summary>Minimizes <paramref name="function"/> from <paramref name="x"/>, which receives the best point found.</summary>
    /// <param name="function">The function and gradient.</param>
    /// <param name="x">The starting point (clamped into the bounds); receives the best point.</param>
    /// <param name="lower">Lower bounds, one per variable (−∞ for none).</param>
    /// <param name="upper">Upper bounds (+∞ for none).</param>
    /// <param name="options">Stopping rules.</param>
    /// <returns>The best value and statistics.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a lower bound exceeds its upper bound.</exception>
    public static LBfgsBResult Minimize(
        ObjectiveWithGradient function, Span<double> x, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, LBfgsBOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        var n = x.Length;
        if (lower.Length != n || upper.Length != n)
        {
            throw new ArgumentException($"The bounds have {lower.Length} and {upper.Length} elements; x has {n}.", nameof(lower));
        }

        for (var i = 0; i < n; i++)
        {
            if (!(lower[i] <= upper[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Bound {i}: lower {lower[i]} exceeds upper {upper[i]}."), nameof(lower));
            }

            x[i] = Math.Clamp(double.IsNaN(x[i]) ? 0 : x[i], lower[i], upper[i]);
        }

        var memory = new LimitedMemoryBfgs(n, options.Memory);
        var g = new double[n];
        var f = function(x, g);
        var evaluations = 1;
        if (!double.IsFinite(f) || !AllFinite(g))
        {
            return new LBfgsBResult(f, 0, evaluations, LBfgsBStop.NotFiniteAtStart);
        }

        var cauchy = new double[n];
        var target = new double[n];
        var direction = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var step = new double[n];
        var change = new double[n];
        var c = new double[2 * options.Memory];
        var best = x.ToArray();
        var bestValue = f;
        var iteration = 0;
        var stop = LBfgsBStop.MaxIterations;
        while (true)
        {
            if (ProjectedGradientNorm(x, g, lower, upper) <= options.GradientTolerance)
            {
                stop = LBfgsBStop.Gradient;
                break;
            }

            if (iteration >= options.MaxIterations)
            {
                stop = LBfgsBStop.MaxIterations;
                break;
            }

            if (evaluations >= options.MaxEvaluations)
            {
                stop = LBfgsBStop.MaxEvaluations;
                break;
            }

            CauchyPoint.Compute(x, g, lower, upper, memory, cauchy, c);
            SubspaceMinimization.Compute(x, g, lower, upper, memory, cauchy, c.AsSpan(0, memory.Width), target);
            var slope = 0.0;
            for (var i = 0; i < n; i++)
            {
                direction[i] = target[i] - x[i];
                slope += g[i] * direction[i];
            }

            if (!(slope < 0))
            {
                if (memory.Count == 0)
                {
                    stop = LBfgsBStop.LineSearchFailed;
                    break;
                }

                memory.Reset();
                continue;
            }

            // The first step (no curvature information yet) is scaled to unit length, like the original.
            var lambda = 1.0;
            if (memory.Count == 0)
            {
                var norm = Math.Sqrt(VectorMath.SumOfSquares(direction));
                lambda = Math.Min(1.0, 1.0 / norm);
            }

            var accepted = false;
            var trialValue = double.NaN;
            for (var attempt = 0; attempt < 30 && evaluations < options.MaxEvaluations; attempt++)
            {
                for (var i = 0; i < n; i++)
                {
                    trial[i] = Math.Clamp(x[i] + (lambda * direction[i]), lower[i], upper[i]);
                }

                trialValue = function(trial, trialGradient);
                evaluations++;
                var finite = double.IsFinite(trialValue) && AllFinite(trialGradient);
                if (finite && trialValue < bestValue)
                {
                    bestValue = trialValue;
                    trial.CopyTo(best, 0);
                }

                if (finite && trialValue <= f + (Armijo * lambda * slope))
                {
                    accepted = true;
                    break;
                }

                if (!finite)
                {
                    lambda *= 0.1;
                    continue;
                }

                // Minimizer of the quadratic through f, the slope and the trial value, kept in [0.1λ, 0.5λ].
                var curvature = trialValue - f - (slope * lambda);
                var next = curvature > 0 ? -slope * lambda * lambda / (2 * curvature) : 0.5 * lambda;
                lambda = Math.Clamp(next, 0.1 * lambda, 0.5 * lambda);
            }

            if (!accepted)
            {
                if (memory.Count == 0)
                {
                    stop = evaluations >= options.MaxEvaluations ? LBfgsBStop.MaxEvaluations : LBfgsBStop.LineSearchFailed;
                    break;
                }

                // Retry from steepest descent before giving up.
                memory.Reset();
                continue;
            }

            iteration++;
            for (var i = 0; i < n; i++)
            {
                step[i] = trial[i] - x[i];
                change[i] = trialGradient[i] - g[i];
            }

            var previous = f;
            trial.CopyTo(x);
            trialGradient.CopyTo(g.AsSpan());
            f = trialValue;
            memory.TryAdd(step, change);
            if (previous - f <= options.RelativeTolerance * Math.Max(Math.Max(Math.Abs(previous), Math.Abs(f)), 1))
            {
                stop = LBfgsBStop.RelativeReduction;
                break;
            }
        }

        if (bestValue < f)
        {
            best.CopyTo(x);
            f = bestValue;
        }

        return new LBfgsBResult(f, iteration, evaluations, stop);
    }

    /// <summary>‖P(x − g) − x‖∞, the first-order optimality measure under bounds.</summary>
    /// <param name="x">The point.</param>
    /// <param name="g">The gradient.</param>
    /// <param name="lower">Lower bounds.</param>
    /// <param name="upper">Upper bounds.</param>
    /// <returns>The norm.</returns>
    public static double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var norm = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var projected = Math.Clamp(x[i] - g[i], lower[i], upper[i]) - x[i];
            norm = Math.Max(norm, Math.Abs(projected));
        }

        return norm;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
