using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// One run of the covariance matrix adaptation evolution strategy (Hansen, "The CMA Evolution
/// Strategy: A Tutorial", arXiv:1604.00772, 2016), minimizing, with an ask-and-tell interface:
/// <see cref="Sample(SeededRandom, Span{double})"/> draws x ~ N(m, σ²C) inside the domain, and <see cref="Tell"/> updates m, σ
/// and C from one generation of λ evaluated samples. Variants: separable CMA (a diagonal C), CMA with
/// margin for discrete coordinates (<see cref="CmaMargin"/>), learning-rate adaptation
/// (<see cref="CmaLearningRate"/>) and injected solutions (Hansen, 2011: samples from elsewhere are
/// accepted with their Mahalanobis length clipped).
/// </summary>
/// <remarks>
/// After construction and after each <see cref="Tell"/> the eigendecomposition of C is computed at
/// once, so that <see cref="Sample(SeededRandom, Span{double})"/> only reads and may be called from several threads while no
/// thread tells.
/// </remarks>
internal sealed class CmaOptimizer
{
    /// <summary>The cap on σ.</summary>
    public const double MaxSigma = 1e32;

    // Keeps the rescaling of a negative-weight step finite when the step is zero.
    private const double LengthFloor = 1e-8;

    // Termination tolerances (Hansen's tutorial, appendix B.3; the values of the cmaes library).
    private const double TolFun = 1e-12;
    private const double TolXFactor = 1e-12;
    private const double TolXUp = 1e4;
    private const double TolCondition = 1e14;

    private readonly double[] mean;
    private readonly double[] covariance;
    private readonly double[] pathC;
    private readonly double[] pathSigma;
    private readonly double[] functionHistory;
    private CmaEigenBasis eigen;
    private double sigma;

    private CmaOptimizer(
        CmaParameters parameters,
        CmaDomain domain,
        double[] mean,
        double sigma,
        double initialSigma,
        double[] covariance,
        double[] pathC,
        double[] pathSigma,
        int generation,
        double[] functionHistory,
        CmaLearningRate? learningRate,
        CmaMargin? margin)
    {
        Parameters = parameters;
        Domain = domain;
        this.mean = mean;
        this.sigma = sigma;
        InitialSigma = initialSigma;
        this.covariance = covariance;
        this.pathC = pathC;
        this.pathSigma = pathSigma;
        Generation = generation;
        this.functionHistory = functionHistory;
        LearningRate = learningRate;
        Margin = margin;
        eigen = CmaEigenBasis.Of(covariance, parameters.Dimension, parameters.Separable);
    }

    // A copy of another run, with its eigendecomposition.
    private CmaOptimizer(CmaOptimizer other)
    {
        Parameters = other.Parameters;
        Domain = other.Domain;
        mean = (double[])other.mean.Clone();
        sigma = other.sigma;
        InitialSigma = other.InitialSigma;
        covariance = (double[])other.covariance.Clone();
        pathC = (double[])other.pathC.Clone();
        pathSigma = (double[])other.pathSigma.Clone();
        Generation = other.Generation;
        functionHistory = (double[])other.functionHistory.Clone();
        LearningRate = other.LearningRate?.Clone();
        Margin = other.Margin?.Clone();
        eigen = other.eigen;
    }

    /// <summary>The strategy parameters.</summary>
    public CmaParameters Parameters { get; }

    /// <summary>The domain.</summary>
    public CmaDomain Domain { get; }

    /// <summary>n.</summary>
    public int Dimension => Parameters.Dimension;

    /// <summary>λ.</summary>
    public int PopulationSize => Parameters.PopulationSize;

    /// <summary>The number of updates so far.</summary>
    public int Generation { get; private set; }

    /// <summary>The mean m.</summary>
    public ReadOnlySpan<double> Mean => mean;

    /// <summary>The step size σ.</summary>
    public double Sigma => sigma;

    /// <summary>The step size the run started with (the reference of the TolX criterion).</summary>
    public double InitialSigma { get; }

    /// <summary>C, row-major n·n (full) or its diagonal (separable).</summary>
    public ReadOnlySpan<double> Covariance => covariance;

    /// <summary>The evolution path of the covariance, p_c.</summary>
    public ReadOnlySpan<double> PathC => pathC;

    /// <summary>The evolution path of the step size, p_σ.</summary>
    public ReadOnlySpan<double> PathSigma => pathSigma;

    /// <summary>The best and worst value of the last generations, in a ring (2 per generation).</summary>
    public ReadOnlySpan<double> FunctionHistory => functionHistory;

    /// <summary>The learning-rate adaptation state, when enabled.</summary>
    public CmaLearningRate? LearningRate { get; }

    /// <summary>The margin state, when enabled and some coordinate is discrete.</summary>
    public CmaMargin? Margin { get; }

    /// <summary>Starts a run.</summary>
    /// <param name="domain">Where to search.</param>
    /// <param name="mean">The initial mean (inside the box).</param>
    /// <param name="sigma">The initial step size, &gt; 0.</param>
    /// <param name="populationSize">λ; <see langword="null"/> for 4 + ⌊3 ln n⌋.</param>
    /// <param name="separable">Use a diagonal C (sep-CMA).</param>
    /// <param name="covariance">The initial C (row-major n·n; only the diagonal is used when separable); default the identity.</param>
    /// <param name="withMargin">Keep discrete coordinates exploring (CMA-ES with margin).</param>
    /// <param name="learningRateAdaptation">Adapt the learning rates (not with <paramref name="separable"/>).</param>
    /// <returns>The run, at generation 0.</returns>
    public static CmaOptimizer Create(
        CmaDomain domain,
        ReadOnlySpan<double> mean,
        double sigma,
        int? populationSize = null,
        bool separable = false,
        ReadOnlySpan<double> covariance = default,
        bool withMargin = false,
        bool learningRateAdaptation = false)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var n = domain.Dimension;
        if (mean.Length != n)
        {
            throw new ArgumentException($"The mean has {mean.Length} coordinates; the domain has {n}.", nameof(mean));
        }

        if (!(sigma > 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be a finite number > 0.");
        }

        if (separable && learningRateAdaptation)
        {
            throw new ArgumentException("Learning-rate adaptation needs a full covariance matrix.", nameof(learningRateAdaptation));
        }

        var parameters = new CmaParameters(n, populationSize ?? DefaultPopulationSize(n), separable);
        double[] c;
        if (separable)
        {
            c = new double[n];
            for (var i = 0; i < n; i++)
            {
                c[i] = covariance.IsEmpty ? 1 : covariance[(i * n) + i];
            }
        }
        else if (covariance.IsEmpty)
        {
            c = new double[n * n];
            for (var i = 0; i < n; i++)
            {
                c[(i * n) + i] = 1;
            }
        }
        else
        {
            c = covariance[..(n * n)].ToArray();
        }

        var margin = withMargin && domain.HasDiscrete ? new CmaMargin(domain.Axes, parameters.PopulationSize) : null;
        return new CmaOptimizer(
            parameters,
            domain,
            mean.ToArray(),
            sigma,
            sigma,
            c,
            new double[n],
            new double[n],
            0,
            new double[2 * parameters.FunctionHistoryLength],
            learningRateAdaptation ? new CmaLearningRate(n) : null,
            margin);
    }

    /// <summary>Restores a run from its stored state (see <see cref="CmaStateJson"/>).</summary>
    /// <param name="parameters">The strategy parameters.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="mean">m.</param>
    /// <param name="sigma">σ.</param>
    /// <param name="initialSigma">σ at the start of the run.</param>
    /// <param name="covariance">C (full or diagonal).</param>
    /// <param name="pathC">p_c.</param>
    /// <param name="pathSigma">p_σ.</param>
    /// <param name="generation">The generation.</param>
    /// <param name="functionHistory">The value history ring.</param>
    /// <param name="learningRate">The learning-rate state or <see langword="null"/>.</param>
    /// <param name="margin">The margin state or <see langword="null"/>.</param>
    /// <returns>The run.</returns>
    public static CmaOptimizer Restore(
        CmaParameters parameters,
        CmaDomain domain,
        double[] mean,
        double sigma,
        double initialSigma,
        double[] covariance,
        double[] pathC,
        double[] pathSigma,
        int generation,
        double[] functionHistory,
        CmaLearningRate? learningRate,
        CmaMargin? margin) =>
        new(parameters, domain, mean, sigma, initialSigma, covariance, pathC, pathSigma, generation, functionHistory, learningRate, margin);

    /// <summary>An independent copy of the run (to update while others sample from this one).</summary>
    /// <returns>The copy.</returns>
    public CmaOptimizer Clone() => new(this);

    /// <summary>The default population size, 4 + ⌊3 ln n⌋.</summary>
    /// <param name="n">The dimension.</param>
    /// <returns>λ.</returns>
    public static int DefaultPopulationSize(int n) => 4 + (int)Math.Floor(3 * Math.Log(n));

    /// <summary>
    /// Draws x ~ N(m, σ²C). A sample outside the box (continuous coordinates, and discrete ones without
    /// margin) is drawn again, up to 10·n times, and the last one is clipped to the box; the random stream
    /// decides everything, so one stream gives one sample.
    /// </summary>
    /// <param name="random">The random stream.</param>
    /// <param name="x">Receives the sample.</param>
    public void Sample(SeededRandom random, Span<double> x) => Sample(default, random, x);

    /// <summary>
    /// Like <see cref="Sample(SeededRandom, Span{double})"/>, but tries the standard normal vector
    /// <paramref name="first"/> first: x = m + σ·B·D·z (for orthogonal sampling); when that point is outside
    /// the box, samples from <paramref name="random"/> as usual.
    /// </summary>
    /// <param name="first">A standard normal vector, or empty.</param>
    /// <param name="random">The random stream for further attempts.</param>
    /// <param name="x">Receives the sample.</param>
    public void Sample(ReadOnlySpan<double> first, SeededRandom random, Span<double> x)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = Dimension;
        if (!first.IsEmpty)
        {
            FromStandard(first, x);
            if (IsFeasible(x))
            {
                return;
            }
        }

        Span<double> z = n <= 128 ? stackalloc double[n] : new double[n];
        var attempts = 10 * n;
        for (var attempt = 0; attempt <= attempts; attempt++)
        {
            for (var i = 0; i < n; i++)
            {
                z[i] = random.NextGaussian();
            }

            FromStandard(z, x);
            if (IsFeasible(x))
            {
                return;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (!IsUnboundedDiscrete(i))
            {
                x[i] = Math.Clamp(x[i], Domain.Lower[i], Domain.Upper[i]);
            }
        }
    }

    /// <summary>The point a sample is evaluated at: the sample itself, except discrete coordinates under margin.</summary>
    /// <param name="x">The sample.</param>
    /// <param name="evaluated">Receives the point.</param>
    public void ForEvaluation(ReadOnlySpan<double> x, Span<double> evaluated)
    {
        if (Margin is { } margin)
        {
            margin.ForEvaluation(mean, x, evaluated);
        }
        else
        {
            x.CopyTo(evaluated);
        }
    }

    /// <summary>
    /// Updates the distribution from one generation: λ points (row-major) and their values (lower is
    /// better). Points marked as injected did not come from <see cref="Sample(SeededRandom, Span{double})"/> (or not from this
    /// generation); their step (x − m)/σ is shortened to a Mahalanobis length of at most
    /// √n + 2n/(n + 2) (Hansen, 2011) so that one far point cannot derail the update.
    /// </summary>
    /// <param name="points">λ·n coordinates.</param>
    /// <param name="values">λ values, all finite.</param>
    /// <param name="injected">λ flags, or empty when no point is injected.</param>
    /// <exception cref="ArgumentException">The counts do not match λ and n, or a value is not finite.</exception>
    public void Tell(ReadOnlySpan<double> points, ReadOnlySpan<double> values, ReadOnlySpan<bool> injected = default)
    {
        var n = Dimension;
        var lambda = PopulationSize;
        if (values.Length != lambda || points.Length != lambda * n || (!injected.IsEmpty && injected.Length != lambda))
        {
            throw new ArgumentException($"A generation has {lambda} points of {n} coordinates.", nameof(points));
        }

        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("Every value told to CMA-ES must be finite.", nameof(values));
            }
        }

        Generation++;
        var order = Ranking(values);
        var history = 2 * (Generation % Parameters.FunctionHistoryLength);
        functionHistory[history] = values[order[0]];
        functionHistory[history + 1] = values[order[^1]];

        // y_k = (x_k − m)/σ in rank order; injected steps are clipped.
        var steps = new double[lambda * n];
        var clip = Math.Sqrt(n) + (2.0 * n / (n + 2));
        for (var r = 0; r < lambda; r++)
        {
            var k = order[r];
            var y = steps.AsSpan(r * n, n);
            for (var i = 0; i < n; i++)
            {
                y[i] = (points[(k * n) + i] - mean[i]) / sigma;
            }

            if (!injected.IsEmpty && injected[k])
            {
                var length = Math.Sqrt(eigen.SquaredInverseRootNorm(y));
                if (length > clip)
                {
                    var shrink = clip / length;
                    for (var i = 0; i < n; i++)
                    {
                        y[i] *= shrink;
                    }
                }
            }
        }

        var p = Parameters;
        double[]? oldMean = null, oldCovariance = null, oldInverseRoot = null;
        var oldSigma = sigma;
        if (LearningRate is not null)
        {
            oldMean = (double[])mean.Clone();
            oldCovariance = (double[])covariance.Clone();
            oldInverseRoot = eigen.InverseRoot();
        }

        // Recombination: y_w = Σ_{i<μ} w_i y_(i); m ← m + c_m σ y_w (c_m = 1).
        var yw = new double[n];
        for (var r = 0; r < p.Mu; r++)
        {
            var w = p.Weights[r];
            for (var i = 0; i < n; i++)
            {
                yw[i] += w * steps[(r * n) + i];
            }
        }

        for (var i = 0; i < n; i++)
        {
            mean[i] += sigma * yw[i];
        }

        // Step size: cumulative step-size adaptation on C^(−1/2) y_w.
        var whitened = new double[n];
        eigen.InverseRootTimes(yw, whitened);
        var sigmaFactor = Math.Sqrt(p.CSigma * (2 - p.CSigma) * p.MuEff);
        var psNorm = 0.0;
        for (var i = 0; i < n; i++)
        {
            pathSigma[i] = ((1 - p.CSigma) * pathSigma[i]) + (sigmaFactor * whitened[i]);
            psNorm += pathSigma[i] * pathSigma[i];
        }

        psNorm = Math.Sqrt(psNorm);
        sigma = Math.Min(sigma * Math.Exp(p.CSigma / p.DSigma * ((psNorm / p.ChiN) - 1)), MaxSigma);

        // Covariance: rank-one update on p_c (stalled while p_σ is long), rank-μ update on the steps.
        var hSigmaLeft = psNorm / Math.Sqrt(1 - Math.Pow(1 - p.CSigma, 2 * (Generation + 1)));
        var hSigma = hSigmaLeft < (1.4 + (2.0 / (n + 1))) * p.ChiN ? 1.0 : 0.0;
        var cFactor = hSigma * Math.Sqrt(p.Cc * (2 - p.Cc) * p.MuEff);
        for (var i = 0; i < n; i++)
        {
            pathC[i] = ((1 - p.Cc) * pathC[i]) + (cFactor * yw[i]);
        }

        var deltaH = (1 - hSigma) * p.Cc * (2 - p.Cc);
        var keep = 1 + (p.C1 * deltaH) - p.C1 - (p.Cmu * p.WeightSum);
        if (p.Separable)
        {
            for (var i = 0; i < n; i++)
            {
                var rankMu = 0.0;
                for (var r = 0; r < p.Mu; r++)
                {
                    var y = steps[(r * n) + i];
                    rankMu += p.Weights[r] * y * y;
                }

                covariance[i] = (keep * covariance[i]) + (p.C1 * pathC[i] * pathC[i]) + (p.Cmu * rankMu);
            }
        }
        else
        {
            // Negative weights act on steps rescaled to length √n in the C-metric (eq. 46).
            var effective = new double[lambda];
            for (var r = 0; r < lambda; r++)
            {
                var w = p.Weights[r];
                effective[r] = w >= 0 ? w : w * n / (eigen.SquaredInverseRootNorm(steps.AsSpan(r * n, n)) + LengthFloor);
            }

            for (var i = 0; i < n; i++)
            {
                for (var j = i; j < n; j++)
                {
                    var rankMu = 0.0;
                    for (var r = 0; r < lambda; r++)
                    {
                        rankMu += effective[r] * steps[(r * n) + i] * steps[(r * n) + j];
                    }

                    var value = (keep * covariance[(i * n) + j]) + (p.C1 * pathC[i] * pathC[j]) + (p.Cmu * rankMu);
                    covariance[(i * n) + j] = value;
                    covariance[(j * n) + i] = value;
                }
            }
        }

        if (LearningRate is { } adaptation)
        {
            adaptation.Adapt(n, oldMean!, oldSigma, oldCovariance!, oldInverseRoot!, mean, covariance, ref sigma, MaxSigma);
        }

        eigen = CmaEigenBasis.Of(covariance, n, p.Separable);
        if (Margin is { } margin)
        {
            margin.Correct(mean, sigma, Variances());
        }
    }

    /// <summary>
    /// Whether the run has converged or stalled (the termination criteria of the tutorial's appendix B.3):
    /// flat values over the last generations (TolFun), a step size negligible against the start
    /// (TolX), divergence (TolXUp), a step that no longer moves the mean along a coordinate or an
    /// axis, or a condition number of C above 1e14.
    /// </summary>
    /// <returns><see langword="true"/> when a restart would make better use of further evaluations.</returns>
    public bool ShouldStop()
    {
        var n = Dimension;
        if (Generation > Parameters.FunctionHistoryLength)
        {
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            foreach (var v in functionHistory)
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }

            if (high - low < TolFun)
            {
                return true;
            }
        }

        var variances = Variances();
        var tolX = TolXFactor * InitialSigma;
        var small = true;
        for (var i = 0; i < n && small; i++)
        {
            small = sigma * Math.Sqrt(variances[i]) < tolX && Math.Abs(sigma * pathC[i]) < tolX;
        }

        if (small)
        {
            return true;
        }

        double maxD = double.NegativeInfinity, minD = double.PositiveInfinity;
        var scales = eigen.Scales;
        foreach (var d in scales)
        {
            maxD = Math.Max(maxD, d);
            minD = Math.Min(minD, d);
        }

        if (sigma * maxD > TolXUp)
        {
            return true;
        }

        for (var i = 0; i < n; i++)
        {
            if (mean[i] == mean[i] + (0.2 * sigma * Math.Sqrt(variances[i])))
            {
                return true;
            }
        }

        // One principal axis per generation, in turn.
        var axis = Generation % n;
        var noEffect = true;
        for (var i = 0; i < n && noEffect; i++)
        {
            var direction = Parameters.Separable ? (i == axis ? scales[axis] : 0) : scales[axis] * eigen.Basis[(i * n) + axis];
            noEffect = mean[i] == mean[i] + (0.1 * sigma * direction);
        }

        if (noEffect)
        {
            return true;
        }

        var ratio = maxD / minD;
        return ratio * ratio > TolCondition;
    }

    /// <summary>The distribution restricted to some coordinates (the marginal of the Gaussian), as a new run from generation 0.</summary>
    /// <param name="keep">The coordinates to keep, in order.</param>
    /// <param name="populationSize">λ of the new run; <see langword="null"/> for the default of its dimension.</param>
    /// <returns>The new run, with the marginal mean and covariance and the same σ, without evolution paths.</returns>
    public CmaOptimizer Marginal(IReadOnlyList<int> keep, int? populationSize)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var n = Dimension;
        var m = keep.Count;
        var subMean = keep.Select(i => mean[i]).ToArray();
        var subCovariance = new double[m * m];
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b < m; b++)
            {
                subCovariance[(a * m) + b] = Parameters.Separable
                    ? (a == b ? covariance[keep[a]] : 0)
                    : covariance[(keep[a] * n) + keep[b]];
            }
        }

        return Create(
            Domain.Select(keep),
            subMean,
            sigma,
            populationSize,
            Parameters.Separable,
            subCovariance,
            Margin is not null,
            LearningRate is not null);
    }

    /// <summary>The diagonal of C.</summary>
    /// <returns>The n variances (in units of σ²).</returns>
    public double[] Variances()
    {
        var n = Dimension;
        if (Parameters.Separable)
        {
            return (double[])covariance.Clone();
        }

        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = covariance[(i * n) + i];
        }

        return result;
    }

    // Ranks by value, ties by index, so that every process ranks a generation the same way.
    private static int[] Ranking(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var copy = values.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byValue = copy[a].CompareTo(copy[b]);
            return byValue != 0 ? byValue : a.CompareTo(b);
        });
        return order;
    }

    private bool IsUnboundedDiscrete(int i) => Margin is not null && Margin.IsDiscrete(i);

    private bool IsFeasible(ReadOnlySpan<double> x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if ((x[i] < Domain.Lower[i] || x[i] > Domain.Upper[i]) && !IsUnboundedDiscrete(i))
            {
                return false;
            }
        }

        return true;
    }

    // x = m + σ·B·D·z.
    private void FromStandard(ReadOnlySpan<double> z, Span<double> x)
    {
        var n = Dimension;
        if (Parameters.Separable)
        {
            var scales = eigen.Scales;
            for (var i = 0; i < n; i++)
            {
                x[i] = mean[i] + (sigma * scales[i] * z[i]);
            }

            return;
        }

        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            var row = eigen.Transform.Slice(i * n, n);
            for (var j = 0; j < n; j++)
            {
                sum += row[j] * z[j];
            }

            x[i] = mean[i] + (sigma * sum);
        }
    }
}
