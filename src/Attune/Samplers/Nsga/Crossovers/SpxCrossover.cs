using System.Globalization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Simplex crossover, SPX (Tsutsui, Yamamura and Higuchi, 1999): the parents' simplex is expanded by
/// <see cref="Epsilon"/> around its centroid and the child is drawn uniformly from the expanded simplex.
/// </summary>
public sealed class SpxCrossover : ICrossover
{
    /// <summary>Creates the operator.</summary>
    /// <param name="parentCount">The number of parents (vertices of the simplex), &gt;= 2. Default 3.</param>
    /// <param name="epsilon">
    /// The expansion rate, &gt; 0. Default <see langword="null"/>: √(parents + 1), the rate for which the
    /// children keep the parents' mean and covariance (Tsutsui et al.). (Optuna's default is √(n + 2) for n
    /// parameters, which with three parents throws most children out of bounds in high dimension.)
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parentCount"/> is below 2, or <paramref name="epsilon"/> is not a finite positive number.</exception>
    public SpxCrossover(int parentCount = 3, double? epsilon = null)
    {
        if (parentCount < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(parentCount), parentCount, string.Create(CultureInfo.InvariantCulture, $"parentCount must be >= 2, but got {parentCount}."));
        }

        if (epsilon is { } e && !(e > 0 && double.IsFinite(e)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(epsilon), epsilon, string.Create(CultureInfo.InvariantCulture, $"epsilon must be null or a finite number > 0, but got {e}."));
        }

        ParentCount = parentCount;
        Epsilon = epsilon ?? Math.Sqrt(parentCount + 1);
    }

    /// <inheritdoc/>
    public int ParentCount { get; }

    /// <summary>The expansion rate of the parents' simplex around its centroid.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public void Cross(ReadOnlySpan<double> parents, Span<double> child, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = child.Length;
        var m = ParentCount;
        Span<double> centroid = n <= 256 ? stackalloc double[n] : new double[n];
        centroid.Clear();
        for (var k = 0; k < m; k++)
        {
            for (var i = 0; i < n; i++)
            {
                centroid[i] += parents[(k * n) + i] / m;
            }
        }

        // C_0 = 0; C_k = r_(k-1) (y_(k-1) - y_k + C_(k-1)) with y_k the expanded vertices and
        // r_j = u^(1/(j+1)); the child is y_(m-1) + C_(m-1).
        Span<double> carry = n <= 256 ? stackalloc double[n] : new double[n];
        carry.Clear();
        for (var k = 1; k < m; k++)
        {
            var r = Math.Pow(random.NextDouble(), 1.0 / k);
            for (var i = 0; i < n; i++)
            {
                var previous = centroid[i] + (Epsilon * (parents[((k - 1) * n) + i] - centroid[i]));
                var current = centroid[i] + (Epsilon * (parents[(k * n) + i] - centroid[i]));
                carry[i] = r * (previous - current + carry[i]);
            }
        }

        for (var i = 0; i < n; i++)
        {
            child[i] = centroid[i] + (Epsilon * (parents[((m - 1) * n) + i] - centroid[i])) + carry[i];
        }
    }
}
