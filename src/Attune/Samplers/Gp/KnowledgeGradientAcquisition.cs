using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// The knowledge gradient over a discretized set A (Frazier, Powell and Dayanik 2009; with the
/// observed points in A as in Scott, Frazier and Powell's KGCP): the expected increase of
/// max_{a ∈ A ∪ {x}} μ(a) from one more observation at x. After observing at x, μ(a) becomes
/// μ(a) + b_a·Z with b_a = Σ(a, x)/√(σ²(x) + σ²_noise) and Z standard normal, and
/// E[max_a (μ(a) + b_a Z)] − max_a μ(a) = Σ_j (b_{j+1} − b_j)·h(−|c_j|) over the upper envelope of
/// the lines (c_j its breakpoints, h as in <see cref="ExpectedImprovement"/>). The value returned is
/// its logarithm, summed stably. The gradient is by central differences (the envelope's
/// combinatorics make an analytic one piecewise and costly).
/// </summary>
internal sealed class KnowledgeGradientAcquisition : IAcquisitionFunction
{
    private const double Step = 1e-6;
    private readonly GaussianProcess model;
    private readonly bool[] categorical;
    private readonly int size;
    private readonly double[] candidates;
    private readonly double[] candidateMeans;
    private readonly double[] whitened; // |A| × n
    private readonly double[] v;
    private readonly double[] intercepts;
    private readonly double[] slopes;
    private readonly int[] order;
    private readonly int[] hull;
    private readonly double[] breaks;
    private readonly double[] shifted;

    /// <summary>Creates the function.</summary>
    /// <param name="model">The GP.</param>
    /// <param name="categorical">Which coordinates are categorical (no gradient).</param>
    /// <param name="discretization">The points of A other than the training points, row-major.</param>
    /// <param name="extra">How many points <paramref name="discretization"/> holds.</param>
    public KnowledgeGradientAcquisition(GaussianProcess model, bool[] categorical, ReadOnlySpan<double> discretization, int extra)
    {
        this.model = model;
        this.categorical = categorical;
        var n = model.Count;
        var d = model.Dimension;
        size = n + extra;
        candidates = new double[size * d];
        for (var i = 0; i < n; i++)
        {
            model.Point(i).CopyTo(candidates.AsSpan(i * d, d));
        }

        discretization[..(extra * d)].CopyTo(candidates.AsSpan(n * d));
        candidateMeans = new double[size];
        whitened = new double[size * n];
        var scratch = new double[Math.Max(n, 1)];
        for (var a = 0; a < size; a++)
        {
            var point = candidates.AsSpan(a * d, d);
            candidateMeans[a] = model.Mean(point, scratch);
            model.WhitenedKernel(point, whitened.AsSpan(a * n, n));
        }

        v = new double[n];
        intercepts = new double[size + 1];
        slopes = new double[size + 1];
        order = new int[size + 1];
        hull = new int[size + 1];
        breaks = new double[size + 1];
        shifted = new double[d];
    }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> point)
    {
        var n = model.Count;
        var d = model.Dimension;
        model.WhitenedKernel(point, v);
        var mean = model.Mean(point, intercepts.AsSpan(0, Math.Max(n, 1)));
        var variance = Math.Max(model.PriorVariance - VectorMath.SumOfSquares(v), 0);
        var denominator = Math.Sqrt(variance + model.Parameters.NoiseVariance);
        for (var a = 0; a < size; a++)
        {
            var covariance = GaussianProcess.Covariance(candidates.AsSpan(a * d, d), point, categorical, model.Parameters)
                - VectorMath.Dot(whitened.AsSpan(a * n, n), v);
            intercepts[a] = candidateMeans[a];
            slopes[a] = covariance / denominator;
        }

        intercepts[size] = mean;
        slopes[size] = variance / denominator;
        return LogExpectedMaximumGain(size + 1);
    }

    /// <inheritdoc/>
    public double EvaluateWithGradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        var d = model.Dimension;
        point.CopyTo(shifted);
        for (var j = 0; j < d; j++)
        {
            if (categorical[j])
            {
                gradient[j] = 0;
                continue;
            }

            var up = Math.Min(point[j] + Step, 1);
            var down = Math.Max(point[j] - Step, 0);
            shifted[j] = up;
            var fUp = Evaluate(shifted);
            shifted[j] = down;
            var fDown = Evaluate(shifted);
            shifted[j] = point[j];
            gradient[j] = double.IsFinite(fUp) && double.IsFinite(fDown) ? (fUp - fDown) / (up - down) : 0;
        }

        return Evaluate(point);
    }

    /// <inheritdoc/>
    public void EvaluateBatch(ReadOnlySpan<double> points, int count, Span<double> values)
    {
        var d = model.Dimension;
        for (var i = 0; i < count; i++)
        {
            values[i] = Evaluate(points.Slice(i * d, d));
        }
    }

    // log(E[max_i (a_i + b_i Z)] − max_i a_i) for the lines in intercepts/slopes[0, count).
    private double LogExpectedMaximumGain(int count)
    {
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, 0, count, Comparer<int>.Create((p, q) =>
        {
            var c = slopes[p].CompareTo(slopes[q]);
            return c != 0 ? c : intercepts[p].CompareTo(intercepts[q]);
        }));

        // Upper envelope, slopes increasing; among equal slopes only the largest intercept (sorted last) matters.
        var top = 0;
        for (var k = 0; k < count; k++)
        {
            var i = order[k];
            if (k + 1 < count && slopes[order[k + 1]] == slopes[i])
            {
                continue;
            }

            while (top > 0)
            {
                var last = hull[top - 1];
                var cross = (intercepts[last] - intercepts[i]) / (slopes[i] - slopes[last]);
                if (top > 1 && cross <= breaks[top - 1])
                {
                    top--;
                    continue;
                }

                breaks[top] = cross;
                break;
            }

            if (top == 0)
            {
                breaks[0] = double.NegativeInfinity;
            }

            hull[top++] = i;
        }

        var max = double.NegativeInfinity;
        Span<double> logTerms = top <= 256 ? stackalloc double[top] : new double[top];
        for (var j = 1; j < top; j++)
        {
            var term = Math.Log(slopes[hull[j]] - slopes[hull[j - 1]]) + ExpectedImprovement.LogH(-Math.Abs(breaks[j]));
            logTerms[j] = term;
            max = Math.Max(max, term);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        for (var j = 1; j < top; j++)
        {
            sum += Math.Exp(logTerms[j] - max);
        }

        return max + Math.Log(sum);
    }
}
