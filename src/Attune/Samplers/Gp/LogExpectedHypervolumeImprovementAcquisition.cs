using Attune.MultiObjective;
using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// log EHVI(x): the log of the expected hypervolume improvement of independent GP posteriors (one
/// per objective, standardized and maximized) over the observed Pareto front, computed exactly
/// from a box decomposition of the non-dominated region (<see cref="NondominatedBoxes"/>):
/// EHVI = Σ_boxes Π_j E[(min(Y_j, u_j) − l_j)₊] and E[(min(Y, u) − l)₊] = σ·(h(z_l) − h(z_u)),
/// z_c = (μ − c)/σ, so that log EHVI = logsumexp_boxes Σ_j [log σ_j + log(h(z_l) − h(z_u))]
/// (Yang, Emmerich, Deutz and Bäck 2019, in the log form of Ament et al. 2023).
/// </summary>
internal sealed class LogExpectedHypervolumeImprovementAcquisition : IAcquisitionFunction
{
    private const double StabilizingNoise = 1e-12;
    private readonly GaussianProcess[] models;
    private readonly NondominatedBoxes boxes;
    private readonly double[][] levels;
    private readonly int[] lowerLevel;
    private readonly int[] upperLevel;
    private readonly double[] scratch;
    private readonly double[][] meanGradients;
    private readonly double[][] varianceGradients;
    private readonly double[] terms;
    private readonly double[][] z;
    private readonly double[][] logH;
    private readonly double[][] logCdf;
    private readonly double[] means;
    private readonly double[] sigmas;

    /// <summary>Creates the function.</summary>
    /// <param name="models">One GP per objective.</param>
    /// <param name="boxes">The decomposition of the non-dominated region of the observed values.</param>
    public LogExpectedHypervolumeImprovementAcquisition(IReadOnlyList<GaussianProcess> models, NondominatedBoxes boxes)
    {
        this.models = [.. models];
        this.boxes = boxes;
        var m = boxes.Objectives;
        var dimension = models[0].Dimension;
        levels = new double[m][];
        lowerLevel = new int[boxes.Count * m];
        upperLevel = new int[boxes.Count * m];
        for (var j = 0; j < m; j++)
        {
            var values = new SortedSet<double>();
            for (var k = 0; k < boxes.Count; k++)
            {
                values.Add(boxes.Lower[(k * m) + j]);
                if (double.IsFinite(boxes.Upper[(k * m) + j]))
                {
                    values.Add(boxes.Upper[(k * m) + j]);
                }
            }

            levels[j] = [.. values];
            for (var k = 0; k < boxes.Count; k++)
            {
                lowerLevel[(k * m) + j] = Array.BinarySearch(levels[j], boxes.Lower[(k * m) + j]);
                var up = boxes.Upper[(k * m) + j];
                upperLevel[(k * m) + j] = double.IsFinite(up) ? Array.BinarySearch(levels[j], up) : -1;
            }
        }

        scratch = new double[3 * models.Max(g => Math.Max(g.Count, 1))];
        meanGradients = new double[m][];
        varianceGradients = new double[m][];
        z = new double[m][];
        logH = new double[m][];
        logCdf = new double[m][];
        for (var j = 0; j < m; j++)
        {
            meanGradients[j] = new double[dimension];
            varianceGradients[j] = new double[dimension];
            z[j] = new double[levels[j].Length];
            logH[j] = new double[levels[j].Length];
            logCdf[j] = new double[levels[j].Length];
        }

        terms = new double[boxes.Count];
        means = new double[m];
        sigmas = new double[m];
    }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> point)
    {
        for (var j = 0; j < models.Length; j++)
        {
            means[j] = models[j].Posterior(point, out var variance, scratch);
            sigmas[j] = Math.Sqrt(variance + StabilizingNoise);
        }

        return LogValue(false);
    }

    /// <inheritdoc/>
    public double EvaluateWithGradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        var dimension = meanGradients[0].Length;
        for (var j = 0; j < models.Length; j++)
        {
            means[j] = models[j].PosteriorWithGradient(point, out var variance, meanGradients[j], varianceGradients[j], scratch);
            sigmas[j] = Math.Sqrt(variance + StabilizingNoise);
        }

        var value = LogValue(true);
        gradient[..dimension].Clear();
        if (double.IsNegativeInfinity(value))
        {
            return value;
        }

        // ∂/∂x = Σ_k p_k Σ_j [A_kj ∂μ_j/σ_j + (1 − B_kj) ∂σ_j/σ_j], p = softmax of the box terms.
        var m = models.Length;
        for (var j = 0; j < m; j++)
        {
            var meanCoefficient = 0.0;
            var sigmaCoefficient = 0.0;
            for (var k = 0; k < boxes.Count; k++)
            {
                if (double.IsNegativeInfinity(terms[k]))
                {
                    continue;
                }

                var p = Math.Exp(terms[k] - value);
                var lo = lowerLevel[(k * m) + j];
                var up = upperLevel[(k * m) + j];
                var difference = ExpectedImprovement.LogHDifference(
                    z[j][lo], up < 0 ? double.NegativeInfinity : z[j][up], logH[j][lo], up < 0 ? double.NaN : logH[j][up]);
                var eLower = Math.Exp(logCdf[j][lo] - difference);
                var eUpper = up < 0 ? 0 : Math.Exp(logCdf[j][up] - difference);
                meanCoefficient += p * (eLower - eUpper);
                sigmaCoefficient += p * (1 - ((z[j][lo] * eLower) - (up < 0 ? 0 : z[j][up] * eUpper)));
            }

            var sigma = sigmas[j];
            for (var i = 0; i < dimension; i++)
            {
                gradient[i] += (meanCoefficient * meanGradients[j][i] / sigma)
                    + (sigmaCoefficient * varianceGradients[j][i] / (2 * sigma * sigma));
            }
        }

        return value;
    }

    /// <inheritdoc/>
    public void EvaluateBatch(ReadOnlySpan<double> points, int count, Span<double> values)
    {
        var m = models.Length;
        var batchMeans = new double[m][];
        var batchVariances = new double[m][];
        for (var j = 0; j < m; j++)
        {
            batchMeans[j] = new double[count];
            batchVariances[j] = new double[count];
            models[j].PosteriorBatch(points, count, batchMeans[j], batchVariances[j]);
        }

        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < m; j++)
            {
                means[j] = batchMeans[j][i];
                sigmas[j] = Math.Sqrt(batchVariances[j][i] + StabilizingNoise);
            }

            values[i] = LogValue(false);
        }
    }

    private double LogValue(bool withCdf)
    {
        var m = models.Length;
        for (var j = 0; j < m; j++)
        {
            var level = levels[j];
            for (var c = 0; c < level.Length; c++)
            {
                var zc = (means[j] - level[c]) / sigmas[j];
                z[j][c] = zc;
                logH[j][c] = ExpectedImprovement.LogH(zc);
                if (withCdf)
                {
                    logCdf[j][c] = Normal.LogNdtr(zc);
                }
            }
        }

        var max = double.NegativeInfinity;
        for (var k = 0; k < boxes.Count; k++)
        {
            var term = 0.0;
            for (var j = 0; j < m; j++)
            {
                var lo = lowerLevel[(k * m) + j];
                var up = upperLevel[(k * m) + j];
                term += Math.Log(sigmas[j]) + ExpectedImprovement.LogHDifference(
                    z[j][lo], up < 0 ? double.NegativeInfinity : z[j][up], logH[j][lo], up < 0 ? double.NaN : logH[j][up]);
            }

            terms[k] = term;
            max = Math.Max(max, term);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        for (var k = 0; k < boxes.Count; k++)
        {
            sum += Math.Exp(terms[k] - max);
        }

        return max + Math.Log(sum);
    }
}
