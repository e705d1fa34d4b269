using Attune.Numerics;

namespace Attune.Samplers;

/// <summary>
/// CMA-ES with margin (Hamano, Saito, Nomura and Shirakawa, GECCO 2022, arXiv:2205.13482): keeps
/// the probability that a discrete coordinate leaves the cell of the mean at least a margin α, so that
/// the search does not freeze on one integer once the step size falls below a cell. After each update
/// it moves the mean of an end cell towards its neighbour and, for an inner cell, rescales the
/// coordinate (a per-coordinate factor A used only to pick a value) and recentres it so that each
/// neighbour keeps probability α/2.
/// </summary>
internal sealed class CmaMargin
{
    private readonly CmaDiscreteAxis?[] axes;
    private readonly double[] scale;
    private readonly int populationSize;

    /// <summary>Creates the margin state with A = 1.</summary>
    /// <param name="axes">The discrete axis of each coordinate, <see langword="null"/> for continuous ones.</param>
    /// <param name="populationSize">λ; the margin is α = 1/(n·λ).</param>
    /// <param name="scale">The stored factors A, or <see langword="null"/> for ones.</param>
    public CmaMargin(CmaDiscreteAxis?[] axes, int populationSize, double[]? scale = null)
    {
        this.axes = axes;
        this.populationSize = populationSize;
        Alpha = 1.0 / (axes.Length * (double)populationSize);
        if (scale is not null && scale.Length != axes.Length)
        {
            throw new ArgumentException($"The margin state holds {scale.Length} factors for {axes.Length} coordinates.", nameof(scale));
        }

        this.scale = scale ?? Enumerable.Repeat(1.0, axes.Length).ToArray();
    }

    /// <summary>An independent copy.</summary>
    /// <returns>The copy.</returns>
    public CmaMargin Clone() => new(axes, populationSize, (double[])scale.Clone());

    /// <summary>The margin α.</summary>
    public double Alpha { get; }

    /// <summary>The factors A (1 for continuous coordinates).</summary>
    public ReadOnlySpan<double> Scale => scale;

    /// <summary>Whether coordinate <paramref name="i"/> is discrete.</summary>
    /// <param name="i">The coordinate.</param>
    /// <returns><see langword="true"/> when it has a discrete axis.</returns>
    public bool IsDiscrete(int i) => axes[i] is not null;

    /// <summary>The point a sample is evaluated at: discrete coordinates become A(x − m) + m, which picks the value.</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="x">The sample.</param>
    /// <param name="evaluated">Receives the evaluated point.</param>
    public void ForEvaluation(ReadOnlySpan<double> mean, ReadOnlySpan<double> x, Span<double> evaluated)
    {
        for (var i = 0; i < x.Length; i++)
        {
            evaluated[i] = axes[i] is null ? x[i] : ((x[i] - mean[i]) * scale[i]) + mean[i];
        }
    }

    /// <summary>The margin correction after an update: adjusts the mean and A of every discrete coordinate.</summary>
    /// <param name="mean">The updated mean; discrete coordinates are changed in place.</param>
    /// <param name="sigma">The updated step size.</param>
    /// <param name="variances">The diagonal of the updated covariance matrix.</param>
    public void Correct(Span<double> mean, double sigma, ReadOnlySpan<double> variances)
    {
        var halfAlpha = Alpha / 2;
        var distance = -Normal.Ndtri(Alpha); // Φ⁻¹(1 − α) = √χ²₁(1 − 2α)
        for (var i = 0; i < axes.Length; i++)
        {
            if (axes[i] is not { } axis)
            {
                continue;
            }

            // The boundaries around the mean's cell; an end cell has only the one to its neighbour.
            var cell = axis.CellOf(mean[i]);
            double low, high;
            if (cell == 0)
            {
                low = high = axis.LowerBoundary(1);
            }
            else if (cell == axis.Count - 1)
            {
                low = high = axis.LowerBoundary(axis.Count - 1);
            }
            else
            {
                low = axis.LowerBoundary(cell);
                high = axis.LowerBoundary(cell + 1);
            }

            var deviation = Math.Sqrt(variances[i]);
            var spread = sigma * scale[i] * deviation;
            var pLow = Normal.Cdf((low - mean[i]) / spread);
            var pHigh = Normal.Cdf((mean[i] - high) / spread);
            var pMiddle = 1 - pLow - pHigh;

            if (Math.Max(pLow, pHigh) > 0.5)
            {
                // An end cell: keep at least α on the neighbour's side of the boundary.
                if (Math.Min(pLow, pHigh) < Alpha)
                {
                    mean[i] = high + (Math.Sign(mean[i] - high) * spread * distance);
                }

                continue;
            }

            // An inner cell: each neighbour keeps at least α/2; the excess is taken from the larger tails.
            var lowTail = Math.Max(pLow, halfAlpha);
            var highTail = Math.Max(pHigh, halfAlpha);
            var excess = 1 - lowTail - highTail - pMiddle;
            var denominator = lowTail + pMiddle + highTail - (3 * halfAlpha);
            var targetLow = Math.Clamp(lowTail + (excess * (lowTail - halfAlpha) / denominator), 1e-10, 0.5 - 1e-10);
            var targetHigh = Math.Clamp(highTail + (excess * (highTail - halfAlpha) / denominator), 1e-10, 0.5 - 1e-10);

            // Solve for the mean and A that give those two tail probabilities with σ and C fixed.
            var chiLow = -Normal.Ndtri(targetLow);
            var chiHigh = -Normal.Ndtri(targetHigh);
            scale[i] = (high - low) / ((chiLow + chiHigh) * sigma * deviation);
            mean[i] = ((low * chiHigh) + (high * chiLow)) / (chiLow + chiHigh);
        }
    }
}
