using System.Numerics;
using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// The negative log posterior of the kernel hyperparameters given training data — minus the log
/// marginal likelihood minus the log prior — and its exact gradient, as a function of the raw
/// parameters θ = (log η₁ … log η_d, log scale, log(σ² − minimum noise)).
/// </summary>
/// <remarks>
/// log p(y | θ) = −½yᵀK⁻¹y − ½log det K − (n/2) log 2π, and with W = ααᵀ − K⁻¹ (α = K⁻¹y),
/// ∂/∂θ log p(y | θ) = ½ tr(W ∂K/∂θ). K is factored once per evaluation (n³/6), K⁻¹ formed from the
/// factor (n³/3); the kernel and its derivatives are evaluated over the pairs of points with
/// coordinates stored by column so that the loops over points vectorize.
/// </remarks>
internal sealed class MarginalLikelihood
{
    private readonly int n;
    private readonly int d;
    private readonly double[] columns; // d × n
    private readonly bool[] categorical;
    private readonly double[] y;
    private readonly GpKernelPrior prior;
    private readonly double minimumNoise;
    private readonly double[] r2;
    private readonly double[] slope;
    private readonly double[] kernel;
    private readonly double[] factor;
    private readonly double[] inverse;
    private readonly double[] scratch;
    private readonly double[] alpha;
    private readonly double[] difference;

    /// <summary>Prepares the data.</summary>
    /// <param name="x">The points, row-major (n × d).</param>
    /// <param name="count">n.</param>
    /// <param name="categorical">Which coordinates are categorical.</param>
    /// <param name="y">The targets.</param>
    /// <param name="prior">The hyperparameter prior.</param>
    public MarginalLikelihood(ReadOnlySpan<double> x, int count, bool[] categorical, double[] y, GpKernelPrior prior)
    {
        n = count;
        d = categorical.Length;
        this.categorical = categorical;
        this.y = y;
        this.prior = prior;
        minimumNoise = KernelPrior.MinimumNoise(prior);
        columns = new double[d * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                columns[(j * n) + i] = x[(i * d) + j];
            }
        }

        r2 = new double[n * n];
        slope = new double[n * n];
        kernel = new double[n * n];
        factor = new double[n * n];
        inverse = new double[n * n];
        scratch = new double[n * n];
        alpha = new double[n];
        difference = new double[n];
    }

    /// <summary>The number of raw parameters: d + 2.</summary>
    public int ParameterCount => d + 2;

    /// <summary>The smallest noise variance (added to e^raw).</summary>
    public double MinimumNoise => minimumNoise;

    /// <summary>The hyperparameters at raw parameters θ.</summary>
    /// <param name="raw">θ.</param>
    /// <returns>The hyperparameters.</returns>
    public KernelParameters ToParameters(ReadOnlySpan<double> raw)
    {
        var eta = new double[d];
        for (var j = 0; j < d; j++)
        {
            eta[j] = Math.Exp(raw[j]);
        }

        return new KernelParameters(eta, Math.Exp(raw[d]), Math.Exp(raw[d + 1]) + minimumNoise);
    }

    /// <summary>The raw parameters of given hyperparameters (the noise raised to just above the minimum if needed).</summary>
    /// <param name="parameters">The hyperparameters.</param>
    /// <param name="raw">Receives θ.</param>
    public void ToRaw(KernelParameters parameters, Span<double> raw)
    {
        for (var j = 0; j < d; j++)
        {
            raw[j] = Math.Log(parameters.InverseSquaredLengthscales[j]);
        }

        raw[d] = Math.Log(parameters.Scale);

        // As Optuna: keep a margin above the minimum so that the log stays finite.
        raw[d + 1] = Math.Log(Math.Max(parameters.NoiseVariance - (0.99 * minimumNoise), 0.01 * minimumNoise));
    }

    /// <summary>−log p(y | θ) − log p(θ) and its gradient.</summary>
    /// <param name="raw">θ.</param>
    /// <param name="gradient">Receives the gradient with respect to θ.</param>
    /// <returns>The loss; +∞ when K cannot be factored.</returns>
    public double Loss(ReadOnlySpan<double> raw, Span<double> gradient)
    {
        var parameters = ToParameters(raw);
        var eta = parameters.InverseSquaredLengthscales;
        var scale = parameters.Scale;
        var noise = parameters.NoiseVariance;
        var noiseExcess = Math.Exp(raw[d + 1]);

        // Scaled squared distances, kernel and dk/dr² over the lower triangle.
        for (var a = 0; a < n; a++)
        {
            var row = r2.AsSpan(a * n, a);
            row.Clear();
            for (var j = 0; j < d; j++)
            {
                var column = columns.AsSpan(j * n, a);
                var xa = columns[(j * n) + a];
                if (categorical[j])
                {
                    for (var b = 0; b < a; b++)
                    {
                        row[b] += column[b] != xa ? eta[j] : 0;
                    }
                }
                else
                {
                    AddScaledSquaredDifferences(column, xa, eta[j], row);
                }
            }

            var kernelRow = kernel.AsSpan(a * n, a + 1);
            var slopeRow = slope.AsSpan(a * n, a);
            for (var b = 0; b < a; b++)
            {
                kernelRow[b] = scale * Matern52.ValueAndDerivative(row[b], out var derivative);
                slopeRow[b] = scale * derivative;
            }

            kernelRow[a] = scale + noise;
        }

        for (var a = 0; a < n; a++)
        {
            kernel.AsSpan(a * n, a + 1).CopyTo(factor.AsSpan(a * n));
        }

        if (!Cholesky.TryFactor(factor, n, n))
        {
            gradient.Clear();
            return double.PositiveInfinity;
        }

        y.CopyTo(alpha, 0);
        TriangularSolve.SolveLower(factor, n, n, alpha);
        var quadratic = VectorMath.SumOfSquares(alpha);
        TriangularSolve.SolveLowerTransposed(factor, n, n, alpha);
        var logDeterminant = Cholesky.LogDeterminant(factor, n, n);
        var logLikelihood = (-0.5 * quadratic) - (0.5 * logDeterminant) - (0.5 * n * Math.Log(2 * Math.PI));

        // W = ααᵀ − K⁻¹ and the traces ½ tr(W ∂K/∂θ).
        TriangularSolve.InverseFromFactor(factor, n, n, inverse, n, scratch);
        gradient.Clear();
        var traceW = 0.0;
        var scaleTerm = 0.0;
        for (var a = 0; a < n; a++)
        {
            var alphaA = alpha[a];
            var inverseRow = inverse.AsSpan(a * n, a + 1);
            var w = scratch.AsSpan(a * n, a + 1);
            for (var b = 0; b <= a; b++)
            {
                w[b] = (alphaA * alpha[b]) - inverseRow[b];
            }

            traceW += w[a];
            var kernelRow = kernel.AsSpan(a * n, a);
            scaleTerm += VectorMath.Dot(w[..a], kernelRow);

            // G_ab = W_ab·scale·k'(r²_ab); ∂/∂log η_j = η_j Σ_{a>b} G_ab d²_abj.
            var g = difference.AsSpan(0, a);
            var slopeRow = slope.AsSpan(a * n, a);
            for (var b = 0; b < a; b++)
            {
                g[b] = w[b] * slopeRow[b];
            }

            for (var j = 0; j < d; j++)
            {
                var column = columns.AsSpan(j * n, a);
                var xa = columns[(j * n) + a];
                double sum;
                if (categorical[j])
                {
                    sum = 0;
                    for (var b = 0; b < a; b++)
                    {
                        sum += column[b] != xa ? g[b] : 0;
                    }
                }
                else
                {
                    sum = WeightedSquaredDifferences(column, xa, g);
                }

                gradient[j] += eta[j] * sum;
            }
        }

        // ∂K/∂log scale = K − σ²I; ∂K/∂raw noise = e^raw·I.
        gradient[d] = (0.5 * traceW * scale) + scaleTerm;
        gradient[d + 1] = 0.5 * traceW * noiseExcess;

        Span<double> priorGradient = stackalloc double[d + 2];
        priorGradient.Clear();
        var logPrior = KernelPrior.LogDensity(prior, parameters, noiseExcess, priorGradient);
        for (var j = 0; j < d + 2; j++)
        {
            gradient[j] = -(gradient[j] + priorGradient[j]);
        }

        return -(logLikelihood + logPrior);
    }

    // row[b] += eta·(column[b] − xa)².
    private static void AddScaledSquaredDifferences(ReadOnlySpan<double> column, double xa, double eta, Span<double> row)
    {
        var b = 0;
        if (Vector.IsHardwareAccelerated && column.Length >= Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            var va = new Vector<double>(xa);
            var ve = new Vector<double>(eta);
            for (; b <= column.Length - width; b += width)
            {
                var diff = new Vector<double>(column[b..]) - va;
                (new Vector<double>(row[b..]) + (ve * diff * diff)).CopyTo(row[b..]);
            }
        }

        for (; b < column.Length; b++)
        {
            var diff = column[b] - xa;
            row[b] += eta * diff * diff;
        }
    }

    // Σ_b g[b]·(column[b] − xa)².
    private static double WeightedSquaredDifferences(ReadOnlySpan<double> column, double xa, ReadOnlySpan<double> g)
    {
        var b = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && column.Length >= Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            var va = new Vector<double>(xa);
            var acc = Vector<double>.Zero;
            for (; b <= column.Length - width; b += width)
            {
                var diff = new Vector<double>(column[b..]) - va;
                acc += new Vector<double>(g[b..]) * diff * diff;
            }

            sum = Vector.Sum(acc);
        }

        for (; b < column.Length; b++)
        {
            var diff = column[b] - xa;
            sum += g[b] * diff * diff;
        }

        return sum;
    }
}
