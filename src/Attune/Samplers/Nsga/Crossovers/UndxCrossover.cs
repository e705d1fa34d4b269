using System.Globalization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Unimodal normal distribution crossover, UNDX (Ono and Kobayashi, 1997; Kita, Ono and Kobayashi,
/// 1999), from three parents: the child is drawn from a normal distribution centred on the midpoint of
/// the first two parents, with standard deviation <see cref="SigmaXi"/> × their distance along the line
/// through them, and <see cref="SigmaEta"/> × (the third parent's distance to that line) in every
/// direction orthogonal to it. It samples the spread of the population without favouring the axes.
/// </summary>
public sealed class UndxCrossover : ICrossover
{
    /// <summary>Creates the operator.</summary>
    /// <param name="sigmaXi">The standard deviation along the primary line, in units of the first two parents' distance; &gt; 0. Default 0.5.</param>
    /// <param name="sigmaEta">
    /// The standard deviation orthogonal to it, in units of the third parent's distance to the line; &gt; 0.
    /// Default <see langword="null"/>: 0.35 / √n for n numerical parameters (Kita et al.).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A deviation is not a finite positive number.</exception>
    public UndxCrossover(double sigmaXi = 0.5, double? sigmaEta = null)
    {
        if (!(sigmaXi > 0 && double.IsFinite(sigmaXi)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(sigmaXi), sigmaXi, string.Create(CultureInfo.InvariantCulture, $"sigmaXi must be a finite number > 0, but got {sigmaXi}."));
        }

        if (sigmaEta is { } eta && !(eta > 0 && double.IsFinite(eta)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(sigmaEta), sigmaEta, string.Create(CultureInfo.InvariantCulture, $"sigmaEta must be null or a finite number > 0, but got {eta}."));
        }

        SigmaXi = sigmaXi;
        SigmaEta = sigmaEta;
    }

    /// <summary>The standard deviation along the line through the first two parents, relative to their distance.</summary>
    public double SigmaXi { get; }

    /// <summary>The standard deviation orthogonal to that line, relative to the third parent's distance to it; <see langword="null"/>: 0.35 / √n.</summary>
    public double? SigmaEta { get; }

    /// <inheritdoc/>
    public int ParentCount => 3;

    /// <inheritdoc/>
    public void Cross(ReadOnlySpan<double> parents, Span<double> child, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = child.Length;
        var x1 = parents[..n];
        var x2 = parents.Slice(n, n);
        var x3 = parents.Slice(2 * n, n);
        var sigmaEta = SigmaEta ?? 0.35 / Math.Sqrt(n);

        // Unit vector of the primary line (the first axis when the two parents coincide).
        Span<double> direction = n <= 256 ? stackalloc double[n] : new double[n];
        var length = 0.0;
        for (var i = 0; i < n; i++)
        {
            direction[i] = x1[i] - x2[i];
            length += direction[i] * direction[i];
        }

        length = Math.Sqrt(length);
        if (length > 1e-300)
        {
            for (var i = 0; i < n; i++)
            {
                direction[i] /= length;
            }
        }
        else
        {
            direction.Clear();
            direction[0] = 1;
        }

        // Distance of the third parent to the primary line.
        var along = 0.0;
        for (var i = 0; i < n; i++)
        {
            along += (x3[i] - x1[i]) * direction[i];
        }

        var distance = 0.0;
        for (var i = 0; i < n; i++)
        {
            var off = x3[i] - x1[i] - (along * direction[i]);
            distance += off * off;
        }

        distance = Math.Sqrt(distance);

        // An isotropic normal vector projected on the orthogonal complement of the line equals a sum of
        // independent normal steps along an orthonormal basis of that complement.
        var xi = random.NextGaussian() * SigmaXi;
        var projection = 0.0;
        for (var i = 0; i < n; i++)
        {
            child[i] = random.NextGaussian() * sigmaEta;
            projection += child[i] * direction[i];
        }

        for (var i = 0; i < n; i++)
        {
            var orthogonal = child[i] - (projection * direction[i]);
            child[i] = (0.5 * (x1[i] + x2[i])) + (xi * (x1[i] - x2[i])) + (distance * orthogonal);
        }
    }
}
