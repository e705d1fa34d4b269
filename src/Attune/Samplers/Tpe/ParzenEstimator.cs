using System.Buffers;
using Attune.Numerics;
using Attune.Randomness;

namespace Attune.Samplers.Tpe;

/// <summary>
/// A mixture of product kernels over a search space (Optuna v5's TPE estimator): one kernel per
/// observation plus a prior kernel (the centre of every range with the range as bandwidth, uniform
/// over categorical choices). Numerical dimensions use normals truncated to the range (in log space
/// for log distributions) with each kernel's bandwidth set by its neighbours in that dimension; grid
/// dimensions integrate the normals over each value's cell; categorical dimensions put the observed
/// choice's weight on it with the prior spread over all choices.
/// </summary>
internal sealed class ParzenEstimator : IDisposable
{
    private const int ContinuousCode = 0;
    private const int DiscreteCode = 1;

    /// <summary>The smallest bandwidth of a linear discrete dimension in a joint (multivariate) estimator, in steps.</summary>
    private const double JointDiscreteMinSteps = 0.5;

    private readonly KernelDimension[] dims;
    private readonly int kernels;
    private readonly double[] weights;
    private readonly double[] baseline;
    private readonly double[][] centres;
    private readonly double[][] sigmas;
    private readonly double[][] inverses;
    private readonly double[] logHit;
    private readonly double[] logMiss;
    private SortedKernels? sorted;
    private double recombine;
    private double[][]? norms;
    private double[]? logWeights;

    private ParzenEstimator(KernelDimension[] dims, int kernels)
    {
        this.dims = dims;
        this.kernels = kernels;
        weights = Pooled.Rent<double>(kernels);
        baseline = Pooled.Rent<double>(kernels);
        centres = new double[dims.Length][];
        sigmas = new double[dims.Length][];
        inverses = new double[dims.Length][];
        logHit = new double[dims.Length];
        logMiss = new double[dims.Length];
    }

    /// <summary>The number of kernels, the prior included.</summary>
    public int Kernels => kernels;

    /// <summary>Builds the estimator from kernel-space observations; the prior kernel is appended last.</summary>
    /// <param name="dims">The dimensions.</param>
    /// <param name="columns">Per dimension, the column whose normaliser cache to use (or null).</param>
    /// <param name="observations">The observations and their raw weights.</param>
    /// <param name="settings">Bandwidth and prior settings.</param>
    /// <param name="orders">Per dimension, observation indices in ascending order of position in the first n entries (or null to sort here).</param>
    /// <param name="mixture">The normalised mixture weights and their logarithms (observations, then the prior), when already known.</param>
    public static ParzenEstimator Build(
        KernelDimension[] dims, ParamColumn?[] columns, Observations observations, in EstimatorSettings settings, int[]?[]? orders = null, (double[] Weights, double[] Logs)? mixture = null)
    {
        var n = observations.Count;
        var k = n + 1;
        var estimator = new ParzenEstimator(dims, k);

        // Mixture weights: the observations' weights and the prior's, normalised (the prior alone when empty).
        if (mixture is { } known)
        {
            Array.Copy(known.Weights, estimator.weights, k);
            Array.Copy(known.Logs, estimator.baseline, k);
        }
        else
        {
            var total = 0.0;
            var raw = observations.Weights;
            for (var i = 0; i < n; i++)
            {
                estimator.weights[i] = raw[i];
                total += raw[i];
            }

            estimator.weights[n] = n == 0 ? 1 : settings.PriorWeight;
            total += estimator.weights[n];
            for (var i = 0; i < k; i++)
            {
                estimator.weights[i] /= total;
                estimator.baseline[i] = Math.Log(estimator.weights[i]);
            }
        }

        if (settings.Recombine > 0 && dims.Length > 1 && n > 0)
        {
            estimator.recombine = settings.Recombine;
            estimator.logWeights = new double[k];
            for (var i = 0; i < k; i++)
            {
                estimator.logWeights[i] = Math.Log(estimator.weights[i]);
            }

            estimator.norms = new double[dims.Length][];
            for (var j = 0; j < dims.Length; j++)
            {
                estimator.norms[j] = new double[k];
            }
        }

        int[]? firstOrder = null;
        for (var j = 0; j < dims.Length; j++)
        {
            if (dims[j].Kind == KernelKind.Categorical)
            {
                estimator.BuildCategorical(j, observations.Values[j], n, settings.PriorWeight);
                continue;
            }

            var order = orders?[j] is { } given ? given : SortedOrder(observations.Values[j], n);
            firstOrder ??= order;
            estimator.BuildNumerical(j, columns[j], observations, settings, order);
        }

        if (dims.Length == 1 && dims[0].Kind == KernelKind.Continuous && n > 0)
        {
            estimator.sorted = new SortedKernels(estimator.centres[0], estimator.sigmas[0], estimator.baseline, firstOrder.AsSpan(0, n));
        }

        return estimator;
    }

    /// <summary>Draws <paramref name="count"/> points (row-major, internal values) from the mixture.</summary>
    public void Sample(SeededRandom rng, int count, double[] into)
    {
        var d = dims.Length;
        for (var c = 0; c < count; c++)
        {
            if (recombine > 0 && rng.NextDouble() < recombine)
            {
                // A recombined candidate: each coordinate from a kernel drawn on its own.
                for (var j = 0; j < d; j++)
                {
                    var own = PickKernel(rng.NextDouble());
                    var dim = dims[j];
                    into[(c * d) + j] = dim.Kind == KernelKind.Categorical
                        ? SampleChoice(rng, j, own)
                        : dim.FromKernel(TruncatedNormal.Sample(rng, centres[j][own], sigmas[j][own], dim.KernelLow, dim.KernelHigh));
                }

                continue;
            }

            var u = rng.NextDouble();
            var kernel = 0;
            var cumulative = weights[0];
            while (kernel < kernels - 1 && u >= cumulative)
            {
                kernel++;
                cumulative += weights[kernel];
            }

            for (var j = 0; j < d; j++)
            {
                var dim = dims[j];
                if (dim.Kind == KernelKind.Categorical)
                {
                    into[(c * d) + j] = SampleChoice(rng, j, kernel);
                }
                else
                {
                    var x = TruncatedNormal.Sample(rng, centres[j][kernel], sigmas[j][kernel], dim.KernelLow, dim.KernelHigh);
                    into[(c * d) + j] = dim.FromKernel(x);
                }
            }
        }
    }

    /// <summary>The log density of each of <paramref name="count"/> points (row-major, internal values).</summary>
    public void LogPdf(double[] points, int count, Span<double> result)
    {
        JointLogPdf(points, count, result);
        if (recombine > 0)
        {
            var logJoint = recombine < 1 ? Math.Log(1 - recombine) : double.NegativeInfinity;
            var logRecombined = Math.Log(recombine);
            var terms = new double[kernels];
            for (var c = 0; c < count; c++)
            {
                var marginal = logRecombined + MarginalProductLogPdf(points, c, terms);
                result[c] = recombine < 1 ? LogMath.LogAddExp(logJoint + result[c], marginal) : marginal;
            }
        }
    }

    private int PickKernel(double u)
    {
        var kernel = 0;
        var cumulative = weights[0];
        while (kernel < kernels - 1 && u >= cumulative)
        {
            kernel++;
            cumulative += weights[kernel];
        }

        return kernel;
    }

    /// <summary>The log density of the product of the mixture's marginals at candidate <paramref name="c"/>.</summary>
    private double MarginalProductLogPdf(double[] points, int c, double[] terms)
    {
        var d = dims.Length;
        var total = 0.0;
        for (var j = 0; j < d; j++)
        {
            var dim = dims[j];
            var x = points[(c * d) + j];
            for (var i = 0; i < kernels; i++)
            {
                var logWeight = logWeights![i];
                switch (dim.Kind)
                {
                    case KernelKind.Categorical:
                        terms[i] = logWeight + (i == kernels - 1 ? -Math.Log(dim.Choices) : centres[j][i] == x ? logHit[j] : logMiss[j]);
                        break;
                    case KernelKind.Discrete:
                        {
                            var (cellLow, cellHigh) = dim.Cell(x);
                            cellLow = Math.Max(cellLow, dim.KernelLow);
                            cellHigh = Math.Min(cellHigh, dim.KernelHigh);
                            var m = centres[j][i];
                            var sd = sigmas[j][i];
                            terms[i] = logWeight + TruncatedNormal.LogMass((cellLow - m) / sd, (cellHigh - m) / sd) - norms![j][i];
                            break;
                        }

                    default:
                        {
                            var z = (dim.ToKernel(x) - centres[j][i]) / sigmas[j][i];
                            terms[i] = logWeight - (0.5 * z * z) - norms![j][i];
                            break;
                        }
                }
            }

            total += KernelMath.LogSumExp(terms);
        }

        return total;
    }

    private void JointLogPdf(double[] points, int count, Span<double> result)
    {
        if (sorted is not null)
        {
            for (var c = 0; c < count; c++)
            {
                result[c] = sorted.LogPdf(dims[0].ToKernel(points[c]), baseline[kernels - 1], centres[0][kernels - 1], sigmas[0][kernels - 1]);
            }

            return;
        }

        var d = dims.Length;
        var stride = kernels;
        var acc = ArrayPool<double>.Shared.Rent(count * stride);
        try
        {
            // Gaussian dimensions in one blocked pass; the others add to the sums afterwards.
            var gaussian = new List<int>(d);
            for (var j = 0; j < d; j++)
            {
                if (dims[j].Kind == KernelKind.Continuous)
                {
                    gaussian.Add(j);
                }
            }

            var g = gaussian.Count;
            var kernelPoints = new double[count * g];
            var gCentres = new double[g][];
            var gInverses = new double[g][];
            for (var i = 0; i < g; i++)
            {
                var j = gaussian[i];
                gCentres[i] = centres[j];
                gInverses[i] = inverses[j];
                for (var c = 0; c < count; c++)
                {
                    kernelPoints[(c * g) + i] = dims[j].ToKernel(points[(c * d) + j]);
                }
            }

            KernelMath.Gaussian(baseline, gCentres, gInverses, kernelPoints, count, kernels, acc, stride);
            for (var j = 0; j < d; j++)
            {
                switch (dims[j].Kind)
                {
                    case KernelKind.Discrete:
                        AddCellMasses(j, points, count, acc, stride);
                        break;
                    case KernelKind.Categorical:
                        AddChoices(j, points, count, acc, stride);
                        break;
                }
            }

            for (var c = 0; c < count; c++)
            {
                result[c] = KernelMath.LogSumExp(acc.AsSpan(c * stride, kernels));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(acc);
        }
    }

    /// <summary>Returns the pooled arrays.</summary>
    public void Dispose()
    {
        Pooled.Return(weights);
        Pooled.Return(baseline);
        for (var j = 0; j < dims.Length; j++)
        {
            Pooled.Return(centres[j]);
            Pooled.Return(sigmas[j]);
            Pooled.Return(inverses[j]);
        }

        sorted?.Dispose();
    }

    /// <summary>Indices of the first <paramref name="n"/> positions in ascending order.</summary>
    private static int[] SortedOrder(double[] positions, int n)
    {
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = i;
        }

        var keys = positions.AsSpan(0, n).ToArray();
        Array.Sort(keys, index);
        return index;
    }

    private void BuildCategorical(int j, double[] observed, int n, double priorWeight)
    {
        var choices = dims[j].Choices;
        var centre = Pooled.Rent<double>(kernels);
        Array.Copy(observed, centre, n);
        centre[n] = -1;
        centres[j] = centre;

        // Each observation's row: prior/kernels on every choice, +1 on the observed one, normalised.
        var spread = priorWeight / kernels;
        var row = 1 + (choices * spread);
        logHit[j] = Math.Log((1 + spread) / row);
        logMiss[j] = Math.Log(spread / row);
    }

    private void BuildNumerical(int j, ParamColumn? column, Observations observations, in EstimatorSettings settings, int[] order)
    {
        var dim = dims[j];
        var n = observations.Count;
        var low = dim.KernelLow;
        var high = dim.KernelHigh;
        var range = dim.Range;
        var mu = Pooled.Rent<double>(kernels);
        Array.Copy(observations.Values[j], mu, n);
        mu[n] = 0.5 * (low + high);
        var sigma = Pooled.Rent<double>(kernels);
        Bandwidth.Neighbors(mu, order.AsSpan(0, n), sigma, low, high, settings.ConsiderEndpoints, settings.MagicClip);
        sigma[n] = range;
        if (settings.BandwidthFactor != 1)
        {
            for (var i = 0; i < n; i++)
            {
                sigma[i] *= settings.BandwidthFactor;
            }
        }

        if (dims.Length > 1 && dim.Kind == KernelKind.Discrete && !dim.Log)
        {
            // In a joint kernel the clip's minimum can put all of a kernel's mass on its own grid value, so a
            // candidate never moves this coordinate; half a step leaves about a sixth of the mass to each neighbour.
            var floor = JointDiscreteMinSteps * dim.Step;
            for (var i = 0; i < n; i++)
            {
                sigma[i] = Math.Max(sigma[i], floor);
            }
        }

        var inverse = Pooled.Rent<double>(kernels);
        var lastSigma = double.NaN;
        var lastInverse = double.NaN;
        for (var i = 0; i < kernels; i++)
        {
            // Most bandwidths are the clip's minimum: divide once per run of equal ones.
            if (sigma[i] != lastSigma)
            {
                lastSigma = sigma[i];
                lastInverse = 1 / lastSigma;
            }

            inverse[i] = lastInverse;
        }

        centres[j] = mu;
        sigmas[j] = sigma;
        inverses[j] = inverse;

        // Normalisers: the log mass of each kernel on [low, high] (and log σ√(2π) for densities),
        // cached per trial while its bandwidth does not change.
        var code = dim.Kind == KernelKind.Continuous ? ContinuousCode : DiscreteCode;
        var trials = observations.Trials;
        var (cachedSigma, cachedValue) = column is null ? ([], []) : column.NormalizerCache(low, high, code, column.Values.Length);
        for (var i = 0; i < kernels; i++)
        {
            var t = i < n ? trials[i] : -1;
            if (t >= 0 && t < cachedSigma.Length && cachedSigma[t] == sigma[i])
            {
                baseline[i] -= cachedValue[t];
                if (norms is not null)
                {
                    norms[j][i] = cachedValue[t];
                }

                continue;
            }

            var norm = TruncatedNormal.LogMass((low - mu[i]) / sigma[i], (high - mu[i]) / sigma[i]);
            if (code == ContinuousCode)
            {
                norm += Math.Log(sigma[i]) + Normal.LogSqrt2Pi;
            }

            if (t >= 0 && t < cachedSigma.Length)
            {
                cachedSigma[t] = sigma[i];
                cachedValue[t] = norm;
            }

            baseline[i] -= norm;
            if (norms is not null)
            {
                norms[j][i] = norm;
            }
        }
    }

    private double SampleChoice(SeededRandom rng, int j, int kernel)
    {
        var choices = dims[j].Choices;
        var observed = (int)centres[j][kernel];
        if (observed < 0)
        {
            return rng.NextInt32(choices);
        }

        var hit = Math.Exp(logHit[j]);
        var miss = Math.Exp(logMiss[j]);
        var u = rng.NextDouble();
        var cumulative = 0.0;
        for (var choice = 0; choice < choices - 1; choice++)
        {
            cumulative += choice == observed ? hit : miss;
            if (u < cumulative)
            {
                return choice;
            }
        }

        return choices - 1;
    }

    private void AddChoices(int j, double[] points, int count, double[] acc, int stride)
    {
        var d = dims.Length;
        var centre = centres[j];
        var hit = logHit[j];
        var miss = logMiss[j];
        var prior = -Math.Log(dims[j].Choices);
        for (var c = 0; c < count; c++)
        {
            var x = points[(c * d) + j];
            var row = acc.AsSpan(c * stride, kernels);
            for (var i = 0; i < kernels - 1; i++)
            {
                row[i] += centre[i] == x ? hit : miss;
            }

            row[kernels - 1] += prior;
        }
    }

    private void AddCellMasses(int j, double[] points, int count, double[] acc, int stride)
    {
        var d = dims.Length;
        var dim = dims[j];
        var mu = centres[j];
        var sigma = sigmas[j];

        // Distinct (centre, bandwidth) pairs and distinct candidate values: each mass is computed once.
        var pairIndex = new int[kernels];
        var pairs = new Dictionary<(double Mu, double Sigma), int>();
        var pairList = new List<(double Mu, double Sigma)>();
        for (var i = 0; i < kernels; i++)
        {
            var key = (mu[i], sigma[i]);
            if (!pairs.TryGetValue(key, out var p))
            {
                p = pairList.Count;
                pairs[key] = p;
                pairList.Add(key);
            }

            pairIndex[i] = p;
        }

        var masses = new Dictionary<double, double[]>();
        for (var c = 0; c < count; c++)
        {
            var x = points[(c * d) + j];
            if (!masses.TryGetValue(x, out var mass))
            {
                var (cellLow, cellHigh) = dim.Cell(x);
                cellLow = Math.Max(cellLow, dim.KernelLow);
                cellHigh = Math.Min(cellHigh, dim.KernelHigh);
                mass = new double[pairList.Count];
                for (var p = 0; p < mass.Length; p++)
                {
                    var (m, s) = pairList[p];
                    mass[p] = TruncatedNormal.LogMass((cellLow - m) / s, (cellHigh - m) / s);
                }

                masses[x] = mass;
            }

            var row = acc.AsSpan(c * stride, kernels);
            for (var i = 0; i < kernels; i++)
            {
                row[i] += mass[pairIndex[i]];
            }
        }
    }
}

/// <summary>
/// Settings of a Parzen estimator build. <c>BandwidthFactor</c> scales the observations' bandwidths after clipping (not
/// the prior's); <c>Recombine</c> is the share of a joint estimator's density that is the product of its marginals.
/// </summary>
internal readonly record struct EstimatorSettings(double PriorWeight, bool MagicClip, bool ConsiderEndpoints, double BandwidthFactor = 1, double Recombine = 0);
