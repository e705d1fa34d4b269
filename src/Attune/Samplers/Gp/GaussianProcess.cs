using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// A Gaussian-process regression model with fixed hyperparameters: the Cholesky factor L of
/// K = k(X, X) + σ²I and α = K⁻¹y, with the posterior mean μ(x) = k(x, X)·α and variance
/// σ²(x) = k(x, x) − ‖L⁻¹k(X, x)‖² of the latent function, and their gradients.
/// </summary>
/// <remarks>
/// <para>
/// Observations are added in O(n²) each by extending the factor with one row
/// (<see cref="Cholesky.TryExtend"/>) instead of refactoring; the result equals a fresh
/// factorization. Training rows and the factor live in a buffer with spare capacity that a model
/// and the models extended from it share: rows below a model's <see cref="Count"/> never change,
/// and a model extends in place only when no other model has claimed the rows after it (otherwise
/// it copies), so every model stays valid.
/// </para>
/// <para>An instance is immutable and safe to read from several threads.</para>
/// </remarks>
internal sealed class GaussianProcess
{
    private readonly Buffer buffer;
    private readonly bool[] categorical;
    private readonly double[] alpha;

    private GaussianProcess(Buffer buffer, int count, int dimension, bool[] categorical, KernelParameters parameters, double jitter, double[] targets)
    {
        this.buffer = buffer;
        Count = count;
        Dimension = dimension;
        this.categorical = categorical;
        Parameters = parameters;
        Jitter = jitter;
        Targets = targets;
        alpha = (double[])targets.Clone();
        TriangularSolve.SolveFactored(buffer.Factor, count, buffer.Capacity, alpha);
    }

    /// <summary>The number of training points.</summary>
    public int Count { get; }

    /// <summary>The number of coordinates.</summary>
    public int Dimension { get; }

    /// <summary>The kernel hyperparameters.</summary>
    public KernelParameters Parameters { get; }

    /// <summary>The jitter that was added to the diagonal to factor K (0 when none was needed).</summary>
    public double Jitter { get; }

    /// <summary>The training targets y.</summary>
    public double[] Targets { get; }

    /// <summary>The prior variance k(x, x) of the latent function.</summary>
    public double PriorVariance => Parameters.Scale;

    /// <summary>Fits the model to training data with the given hyperparameters.</summary>
    /// <param name="x">The training points, row-major (count × dimension).</param>
    /// <param name="count">The number of points.</param>
    /// <param name="categorical">Which coordinates are categorical.</param>
    /// <param name="y">The targets.</param>
    /// <param name="parameters">The hyperparameters.</param>
    /// <param name="extraNoise">Noise variance added to each point's own (e.g. for less trusted warm-start observations); empty for none.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidOperationException">K cannot be factored even with jitter.</exception>
    public static GaussianProcess Create(
        ReadOnlySpan<double> x, int count, bool[] categorical, double[] y, KernelParameters parameters, ReadOnlySpan<double> extraNoise = default)
    {
        var dimension = categorical.Length;
        var buffer = new Buffer(dimension, Math.Max(16, count + (count / 4) + 8));
        for (var i = 0; i < count; i++)
        {
            buffer.SetPoint(i, x.Slice(i * dimension, dimension));
        }

        var stride = buffer.Capacity;
        var matrix = new double[count * count];
        for (var a = 0; a < count; a++)
        {
            var row = x.Slice(a * dimension, dimension);
            for (var b = 0; b < a; b++)
            {
                matrix[(a * count) + b] = Covariance(row, x.Slice(b * dimension, dimension), categorical, parameters);
            }

            matrix[(a * count) + a] = parameters.Scale + parameters.NoiseVariance + (extraNoise.IsEmpty ? 0 : extraNoise[a]);
        }

        var jitter = Cholesky.FactorWithJitter(matrix, count, count, buffer.Factor, stride);
        buffer.Claimed = count;
        return new GaussianProcess(buffer, count, dimension, categorical, parameters, jitter, y);
    }

    /// <summary>The kernel k(a, b) = scale·Matérn(Σⱼ ηⱼ dⱼ²).</summary>
    /// <param name="a">A point.</param>
    /// <param name="b">A point.</param>
    /// <param name="categorical">Which coordinates are categorical.</param>
    /// <param name="parameters">The hyperparameters.</param>
    /// <returns>The covariance.</returns>
    public static double Covariance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, bool[] categorical, KernelParameters parameters) =>
        parameters.Scale * Matern52.Value(SquaredDistance(a, b, categorical, parameters.InverseSquaredLengthscales));

    /// <summary>Σⱼ ηⱼ·dⱼ², with dⱼ² = (aⱼ − bⱼ)² for numbers and 1 or 0 (differ or not) for categoricals.</summary>
    /// <param name="a">A point.</param>
    /// <param name="b">A point.</param>
    /// <param name="categorical">Which coordinates are categorical.</param>
    /// <param name="eta">The inverse squared lengthscales.</param>
    /// <returns>The scaled squared distance.</returns>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, bool[] categorical, double[] eta)
    {
        var r2 = 0.0;
        for (var j = 0; j < eta.Length; j++)
        {
            var d = a[j] - b[j];
            r2 += eta[j] * (categorical[j] ? (d != 0 ? 1 : 0) : d * d);
        }

        return r2;
    }

    /// <summary>Training point <paramref name="i"/>.</summary>
    /// <param name="i">The index.</param>
    /// <returns>Its coordinates.</returns>
    public ReadOnlySpan<double> Point(int i) => buffer.X.AsSpan(i * Dimension, Dimension);

    /// <summary>The same model with other targets (same points and hyperparameters): only α is recomputed, in O(n²).</summary>
    /// <param name="y">The new targets, <see cref="Count"/> of them.</param>
    /// <returns>The model.</returns>
    public GaussianProcess WithTargets(double[] y) => new(buffer, Count, Dimension, categorical, Parameters, Jitter, y);

    /// <summary>
    /// The model with <paramref name="count"/> more training points, by extending the factor one row
    /// at a time (O(n²) per point).
    /// </summary>
    /// <param name="x">The new points, row-major.</param>
    /// <param name="count">How many.</param>
    /// <param name="y">The targets of all points, old and new.</param>
    /// <param name="fork">Copy the buffer even when it could be extended in place (for a temporary model, e.g. with fantasized observations).</param>
    /// <returns>The model, or <see langword="null"/> when the extended matrix is not numerically positive definite (refit from scratch).</returns>
    public GaussianProcess? Extend(ReadOnlySpan<double> x, int count, double[] y, bool fork)
    {
        var total = Count + count;
        var target = buffer;
        lock (buffer)
        {
            if (fork || buffer.Claimed != Count || buffer.Capacity < total)
            {
                target = buffer.CopyPrefix(Count, Math.Max(total + 8, fork ? total : Count + (Count / 2) + 8));
            }

            target.Claimed = total;
        }

        var column = new double[total];
        var diagonal = Parameters.Scale + Parameters.NoiseVariance + Jitter;
        for (var m = 0; m < count; m++)
        {
            var n = Count + m;
            var point = x.Slice(m * Dimension, Dimension);
            target.SetPoint(n, point);
            for (var i = 0; i < n; i++)
            {
                column[i] = Covariance(point, target.X.AsSpan(i * Dimension, Dimension), categorical, Parameters);
            }

            if (!Cholesky.TryExtend(target.Factor, n, target.Capacity, column, diagonal))
            {
                lock (target)
                {
                    if (target.Claimed == total)
                    {
                        target.Claimed = Count;
                    }
                }

                return null;
            }
        }

        return new GaussianProcess(target, total, Dimension, categorical, Parameters, Jitter, y);
    }

    /// <summary>The kernel vector k(X, x).</summary>
    /// <param name="point">The point.</param>
    /// <param name="k">Receives <see cref="Count"/> covariances.</param>
    public void KernelVector(ReadOnlySpan<double> point, Span<double> k) =>
        KernelRow.Evaluate(point, buffer.Columns, buffer.Capacity, Count, categorical, Parameters, k, []);

    /// <summary>The posterior mean and variance of the latent function at one point.</summary>
    /// <param name="point">The point.</param>
    /// <param name="variance">Receives the variance (≥ 0).</param>
    /// <param name="scratch">At least <see cref="Count"/> elements; receives L⁻¹k(X, x).</param>
    /// <returns>The mean.</returns>
    public double Posterior(ReadOnlySpan<double> point, out double variance, Span<double> scratch)
    {
        var v = scratch[..Count];
        KernelVector(point, v);
        var mean = VectorMath.Dot(v, alpha);
        TriangularSolve.SolveLower(buffer.Factor, Count, buffer.Capacity, v);
        variance = Math.Max(PriorVariance - VectorMath.SumOfSquares(v), 0);
        return mean;
    }

    /// <summary>
    /// The posterior mean and variance at one point with their gradients with respect to the
    /// coordinates (zero for categorical ones).
    /// </summary>
    /// <param name="point">The point.</param>
    /// <param name="variance">Receives the variance.</param>
    /// <param name="meanGradient">Receives ∂μ/∂x.</param>
    /// <param name="varianceGradient">Receives ∂σ²/∂x.</param>
    /// <param name="scratch">At least 3·<see cref="Count"/> elements.</param>
    /// <returns>The mean.</returns>
    public double PosteriorWithGradient(
        ReadOnlySpan<double> point, out double variance, Span<double> meanGradient, Span<double> varianceGradient, Span<double> scratch)
    {
        var n = Count;
        var d = Dimension;
        var eta = Parameters.InverseSquaredLengthscales;
        var k = scratch[..n];
        var slope = scratch.Slice(n, n);
        var w = scratch.Slice(2 * n, n);
        KernelRow.Evaluate(point, buffer.Columns, buffer.Capacity, n, categorical, Parameters, k, slope);
        var mean = VectorMath.Dot(k, alpha);
        k.CopyTo(w);
        TriangularSolve.SolveLower(buffer.Factor, n, buffer.Capacity, w);
        variance = PriorVariance - VectorMath.SumOfSquares(w);
        TriangularSolve.SolveLowerTransposed(buffer.Factor, n, buffer.Capacity, w);

        // ∂k_i/∂x_j = slope_i·η_j·(x_j − X_ij), so ∂μ/∂x_j = η_j Σ_i α_i slope_i (x_j − X_ij)
        // and ∂σ²/∂x_j = −2 η_j Σ_i w_i slope_i (x_j − X_ij), with w = K⁻¹k.
        var a = k;
        var b = w;
        for (var i = 0; i < n; i++)
        {
            a[i] = alpha[i] * slope[i];
            b[i] *= slope[i];
        }

        var sumMean = VectorMath.Sum(a);
        var sumVariance = VectorMath.Sum(b);
        for (var j = 0; j < d; j++)
        {
            if (categorical[j])
            {
                meanGradient[j] = 0;
                varianceGradient[j] = 0;
                continue;
            }

            var column = buffer.Columns.AsSpan(j * buffer.Capacity, n);
            meanGradient[j] = eta[j] * ((sumMean * point[j]) - VectorMath.Dot(a, column));
            varianceGradient[j] = -2 * eta[j] * ((sumVariance * point[j]) - VectorMath.Dot(b, column));
        }

        if (variance < 0)
        {
            variance = 0;
            varianceGradient[..d].Clear();
        }

        return mean;
    }

    /// <summary>The posterior means and variances at many points, with the triangular solves done in blocks.</summary>
    /// <param name="points">The points, row-major.</param>
    /// <param name="count">How many.</param>
    /// <param name="means">Receives the means.</param>
    /// <param name="variances">Receives the variances.</param>
    public void PosteriorBatch(ReadOnlySpan<double> points, int count, Span<double> means, Span<double> variances)
    {
        var n = Count;
        var d = Dimension;
        var width = TriangularSolve.PanelWidth;
        var row = new double[Math.Max(n, 1)];
        var panel = new double[Math.Max(n, 1) * width];
        Span<double> squares = stackalloc double[width];
        for (var start = 0; start < count; start += width)
        {
            // The kernel vectors of a panel of points as its columns; the mean is their dot product with α.
            var size = Math.Min(width, count - start);
            for (var c = 0; c < width; c++)
            {
                if (c < size)
                {
                    KernelVector(points.Slice((start + c) * d, d), row);
                    means[start + c] = VectorMath.Dot(row.AsSpan(0, n), alpha);
                }
                else
                {
                    row.AsSpan().Clear();
                }

                for (var i = 0; i < n; i++)
                {
                    panel[(i * width) + c] = row[i];
                }
            }

            TriangularSolve.SolveLowerPanel(buffer.Factor, n, buffer.Capacity, panel);
            squares.Clear();
            for (var i = 0; i < n; i++)
            {
                var v = panel.AsSpan(i * width, width);
                for (var c = 0; c < width; c++)
                {
                    squares[c] += v[c] * v[c];
                }
            }

            for (var c = 0; c < size; c++)
            {
                variances[start + c] = Math.Max(PriorVariance - squares[c], 0);
            }
        }
    }

    /// <summary>L⁻¹k(X, x), the whitened kernel vector (posterior covariances are k(a, b) − vₐ·v_b).</summary>
    /// <param name="point">The point.</param>
    /// <param name="v">Receives <see cref="Count"/> elements.</param>
    public void WhitenedKernel(ReadOnlySpan<double> point, Span<double> v)
    {
        KernelVector(point, v);
        TriangularSolve.SolveLower(buffer.Factor, Count, buffer.Capacity, v);
    }

    /// <summary>The posterior mean at a point.</summary>
    /// <param name="point">The point.</param>
    /// <param name="scratch">At least <see cref="Count"/> elements.</param>
    /// <returns>μ(x).</returns>
    public double Mean(ReadOnlySpan<double> point, Span<double> scratch)
    {
        var k = scratch[..Count];
        KernelVector(point, k);
        return VectorMath.Dot(k, alpha);
    }

    // Training points and factor, with room to grow; shared by a model and the models extended from it.
    private sealed class Buffer
    {
        public Buffer(int dimension, int capacity)
        {
            Dimension = dimension;
            Capacity = capacity;
            X = new double[capacity * Math.Max(dimension, 1)];
            Columns = new double[capacity * Math.Max(dimension, 1)];
            Factor = new double[capacity * capacity];
        }

        public int Dimension { get; }

        public int Capacity { get; }

        public double[] X { get; }

        // The same points by column (coordinate j of point i at j·Capacity + i), for vectorized kernel rows.
        public double[] Columns { get; }

        public double[] Factor { get; }

        // Rows [0, Claimed) belong to some model; a model with Count == Claimed may extend in place.
        public int Claimed { get; set; }

        public Buffer CopyPrefix(int rows, int capacity)
        {
            var copy = new Buffer(Dimension, Math.Max(capacity, rows));
            X.AsSpan(0, rows * Dimension).CopyTo(copy.X);
            for (var j = 0; j < Dimension; j++)
            {
                Columns.AsSpan(j * Capacity, rows).CopyTo(copy.Columns.AsSpan(j * copy.Capacity));
            }
            for (var i = 0; i < rows; i++)
            {
                Factor.AsSpan(i * Capacity, i + 1).CopyTo(copy.Factor.AsSpan(i * copy.Capacity));
            }

            copy.Claimed = rows;
            return copy;
        }

        public void SetPoint(int i, ReadOnlySpan<double> point)
        {
            point.CopyTo(X.AsSpan(i * Dimension, Dimension));
            for (var j = 0; j < Dimension; j++)
            {
                Columns[(j * Capacity) + i] = point[j];
            }
        }
    }
}
