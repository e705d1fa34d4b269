using Attune.Numerics;
using Attune.Randomness;

namespace Attune.Samplers.Tpe;

/// <summary>
/// A mixture of product kernels over a search space (Optuna's TPE estimator): one kernel per
/// observation plus a prior kernel (the centre of every range with the range as bandwidth, uniform
/// over categorical choices). Numerical dimensions use normals truncated to the range (in log space
/// for log distributions); grid dimensions integrate them over each value's cell; categorical
/// dimensions put the observed choice's weight on it with the prior spread over all choices.
/// </summary>
internal sealed class ParzenEstimator
{
    private const int ContinuousCode = 0;
    private const int DiscreteCode = 1;

    private readonly KernelDimension[] dims;
    private readonly int kernels;
    private readonly double[] weights;
    private readonly double[] baseline;
    private readonly double[][] centres;
    private readonly double[][] sigmas;
    private readonly double[]?[] inverses;
    private readonly double[] sharedInverse;
    private readonly double[] logHit;
    private readonly double[] logMiss;

    // Fast path for all-Gaussian dimensions with shared bandwidths: centres scaled to (μ − low)/σ and
    // the baseline less half their squared norm, so a kernel's exponent is a dot product.
    private double[][]? scaledCentres;
    private double[]? scaledBaseline;

    // Fast path for one continuous dimension: kernels sorted by centre with each kernel's reach, so a
    // point is evaluated only against the kernels that can matter there.
    private SortedKernels? sorted;

    private ParzenEstimator(KernelDimension[] dims, int kernels)
    {
        this.dims = dims;
        this.kernels = kernels;
        weights = new double[kernels];
        baseline = new double[kernels];
        centres = new double[dims.Length][];
        sigmas = new double[dims.Length][];
        inverses = new double[dims.Length][];
        sharedInverse = new double[dims.Length];
        logHit = new double[dims.Length];
        logMiss = new double[dims.Length];
    }

    /// <summary>The number of kernels, the prior included.</summary>
    public int Kernels => kernels;

    /// <summary>
    /// Builds the estimator. <paramref name="observations"/> holds kernel-space positions; the prior
    /// kernel is appended last.
    /// </summary>
    /// <param name="dims">The dimensions.</param>
    /// <param name="columns">Per dimension, the column whose normaliser cache to use (or null).</param>
    /// <param name="observations">The observations and their raw weights.</param>
    /// <param name="settings">Bandwidth and prior settings.</param>
    /// <param name="order">For a one-dimensional univariate estimator: observation indices in ascending order of position, or null to sort.</param>
    public static ParzenEstimator Build(KernelDimension[] dims, ParamColumn?[] columns, Observations observations, in EstimatorSettings settings, ReadOnlySpan<int> order = default)
    {
        var n = observations.Count;
        var k = n + 1;
        var estimator = new ParzenEstimator(dims, k);

        // Mixture weights: the observations' weights and the prior's, normalised (the prior alone when empty).
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

        // One numerical dimension: kernels in ascending order of centre, for the bandwidths and the windowed evaluation.
        int[]? byCentre = null;
        if (dims.Length == 1 && dims[0].Kind != KernelKind.Categorical)
        {
            byCentre = SortedOrder(observations.Values[0], n, order);
        }

        for (var j = 0; j < dims.Length; j++)
        {
            if (dims[j].Kind == KernelKind.Categorical)
            {
                estimator.BuildCategorical(j, observations.Values[j], n, settings.PriorWeight);
            }
            else
            {
                estimator.BuildNumerical(j, columns[j], observations, settings, byCentre);
            }
        }

        estimator.PrepareFastPaths(byCentre);
        return estimator;
    }

    /// <summary>Draws <paramref name="count"/> points (row-major, internal values) from the mixture.</summary>
    public void Sample(SeededRandom rng, int count, double[] into)
    {
        var d = dims.Length;
        for (var c = 0; c < count; c++)
        {
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
        var acc = System.Buffers.ArrayPool<double>.Shared.Rent(count * stride);
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

            var kernelPoints = new double[count * Math.Max(gaussian.Count, 1)];
            var gCentres = new double[gaussian.Count][];
            var gInverses = new double[]?[gaussian.Count];
            var gShared = new double[gaussian.Count];
            for (var g = 0; g < gaussian.Count; g++)
            {
                var j = gaussian[g];
                gCentres[g] = centres[j];
                gInverses[g] = inverses[j];
                gShared[g] = sharedInverse[j];
                for (var c = 0; c < count; c++)
                {
                    kernelPoints[(c * gaussian.Count) + g] = dims[j].ToKernel(points[(c * d) + j]);
                }
            }

            // The prior kernel (last) has its own bandwidth: evaluate it apart when the others share one.
            var vectorKernels = kernels - 1;
            if (scaledCentres is not null)
            {
                for (var c = 0; c < count; c++)
                {
                    for (var g = 0; g < gaussian.Count; g++)
                    {
                        var j = gaussian[g];
                        kernelPoints[(c * gaussian.Count) + g] = (kernelPoints[(c * gaussian.Count) + g] - dims[j].KernelLow) * sharedInverse[j];
                    }
                }

                KernelMath.DotGaussian(scaledBaseline!, scaledCentres, kernelPoints, count, vectorKernels, acc, stride);
            }
            else
            {
                KernelMath.Gaussian(baseline, gCentres, gShared, gInverses, kernelPoints, count, vectorKernels, acc, stride);
            }

            for (var c = 0; c < count; c++)
            {
                var a = baseline[vectorKernels];
                foreach (var j in gaussian)
                {
                    var z = (dims[j].ToKernel(points[(c * d) + j]) - centres[j][vectorKernels]) / sigmas[j][vectorKernels];
                    a -= 0.5 * z * z;
                }

                acc[(c * stride) + vectorKernels] = a;
            }

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
            System.Buffers.ArrayPool<double>.Shared.Return(acc);
        }
    }

    /// <summary>Sets up the fast evaluation paths that apply to this estimator.</summary>
    private void PrepareFastPaths(int[]? byCentre)
    {
        var n = kernels - 1;
        if (byCentre is not null && dims[0].Kind == KernelKind.Continuous && n > 0)
        {
            sorted = new SortedKernels(centres[0], sigmas[0], baseline, byCentre);
            return;
        }

        var allShared = true;
        var maxScaled = 0.0;
        foreach (var j in Enumerable.Range(0, dims.Length))
        {
            if (dims[j].Kind == KernelKind.Continuous)
            {
                allShared &= !double.IsNaN(sharedInverse[j]);
                maxScaled = Math.Max(maxScaled, dims[j].Range * (double.IsNaN(sharedInverse[j]) ? 0 : sharedInverse[j]));
            }
        }

        // The dot-product form cancels |u|² + |v|² − 2u·v: keep the terms small (magic-clipped bandwidths do).
        if (!allShared || maxScaled > 1000 || n == 0)
        {
            return;
        }

        var gaussian = Enumerable.Range(0, dims.Length).Where(j => dims[j].Kind == KernelKind.Continuous).ToArray();
        if (gaussian.Length == 0)
        {
            return;
        }

        scaledCentres = new double[gaussian.Length][];
        scaledBaseline = new double[n];
        Array.Copy(baseline, scaledBaseline, n);
        for (var g = 0; g < gaussian.Length; g++)
        {
            var j = gaussian[g];
            var low = dims[j].KernelLow;
            var inverse = sharedInverse[j];
            var scaled = new double[n];
            var mu = centres[j];
            for (var i = 0; i < n; i++)
            {
                var v = (mu[i] - low) * inverse;
                if (Math.Abs(v) > 1000)
                {
                    // An observation far outside the range (a changed distribution): use the direct form.
                    scaledCentres = null;
                    scaledBaseline = null;
                    return;
                }

                scaled[i] = v;
                scaledBaseline[i] -= 0.5 * v * v;
            }

            scaledCentres[g] = scaled;
        }
    }

    private void BuildCategorical(int j, double[] observed, int n, double priorWeight)
    {
        var choices = dims[j].Choices;
        var centre = new double[kernels];
        Array.Copy(observed, centre, n);
        centre[n] = -1;
        centres[j] = centre;

        // Each observation's row: prior/kernels on every choice, +1 on the observed one, normalised.
        var spread = priorWeight / kernels;
        var row = 1 + (choices * spread);
        logHit[j] = Math.Log((1 + spread) / row);
        logMiss[j] = Math.Log(spread / row);
    }

    private void BuildNumerical(int j, ParamColumn? column, Observations observations, in EstimatorSettings settings, int[]? byCentre)
    {
        var dim = dims[j];
        var n = observations.Count;
        var low = dim.KernelLow;
        var high = dim.KernelHigh;
        var range = dim.Range;
        var mu = new double[kernels];
        Array.Copy(observations.Values[j], mu, n);
        mu[n] = 0.5 * (low + high);
        var sigma = new double[kernels];
        sigma[n] = range;
        centres[j] = mu;
        sigmas[j] = sigma;

        if (settings.Multivariate)
        {
            var shared = Bandwidth.Scott(n, settings.Dimensions, range, settings.MagicClip);
            sigma.AsSpan(0, n).Fill(shared);
            sharedInverse[j] = 1 / shared;
        }
        else
        {
            NeighborSigmas(mu, sigma, n, low, high, settings, byCentre ?? SortedOrder(mu, n, default));
            sharedInverse[j] = double.NaN;
            if (byCentre is null)
            {
                // Several dimensions with per-kernel bandwidths: the direct evaluation reads 1/σ per kernel.
                var inverse = new double[kernels];
                for (var i = 0; i < kernels; i++)
                {
                    inverse[i] = 1 / sigma[i];
                }

                inverses[j] = inverse;
            }
        }

        // Normalisers: the log mass of each kernel on [low, high] (and log σ√(2π) for densities).
        var code = dim.Kind == KernelKind.Continuous ? ContinuousCode : DiscreteCode;
        var trials = observations.Trials;
        for (var i = 0; i < kernels; i++)
        {
            var t = i < n ? trials[i] : -1;
            double norm;
            if (t < 0 || column is null || !column.TryGetNormalizer(t, low, high, code, sigma[i], out norm))
            {
                norm = TruncatedNormal.LogMass((low - mu[i]) / sigma[i], (high - mu[i]) / sigma[i]);
                if (code == ContinuousCode)
                {
                    norm += Math.Log(sigma[i]) + Normal.LogSqrt2Pi;
                }

                if (t >= 0 && column is not null)
                {
                    column.SetNormalizer(t, low, high, code, sigma[i], norm);
                }
            }

            baseline[i] -= norm;
        }
    }

    /// <summary>Observation indices in ascending order of position: <paramref name="order"/> when given, otherwise sorted here.</summary>
    private static int[] SortedOrder(double[] positions, int n, ReadOnlySpan<int> order)
    {
        if (order.Length == n)
        {
            return order.ToArray();
        }

        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = i;
        }

        var keys = positions.AsSpan(0, n).ToArray();
        Array.Sort(keys, index);
        return index;
    }

    /// <summary>The univariate bandwidths of the observations (sorted by <paramref name="byCentre"/>), with the prior's centre placed among them.</summary>
    private static void NeighborSigmas(double[] mu, double[] sigma, int n, double low, double high, in EstimatorSettings settings, int[] byCentre)
    {
        var sorted = new double[n + 1];
        var owner = new int[n + 1];
        var prior = mu[n];
        var at = 0;
        var priorPlaced = false;
        foreach (var i in byCentre)
        {
            if (!priorPlaced && prior < mu[i])
            {
                owner[at] = n;
                sorted[at++] = prior;
                priorPlaced = true;
            }

            owner[at] = i;
            sorted[at++] = mu[i];
        }

        if (!priorPlaced)
        {
            owner[at] = n;
            sorted[at] = prior;
        }

        var sortedSigma = new double[n + 1];
        Bandwidth.Neighbors(sorted, sortedSigma, low, high, settings.ConsiderEndpoints, n, settings.MagicClip);
        for (var i = 0; i <= n; i++)
        {
            if (owner[i] < n)
            {
                sigma[owner[i]] = sortedSigma[i];
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

/// <summary>Settings of a Parzen estimator build.</summary>
internal readonly record struct EstimatorSettings(bool Multivariate, int Dimensions, double PriorWeight, bool MagicClip, bool ConsiderEndpoints);
