using System.Globalization;
using Attune.Randomness;

namespace Attune.Samplers;

/// <summary>
/// Polynomial mutation (Deb and Goyal, 1996) in the bounded form of Deb's NSGA-II reference code: the
/// coordinate moves by a polynomially distributed step whose spread shrinks as <see cref="Eta"/> grows,
/// and which never leaves [0, 1].
/// </summary>
public sealed class PolynomialMutation : IMutation
{
    /// <summary>Creates the operator.</summary>
    /// <param name="eta">The distribution index, &gt;= 0. Default 20 (Deb's NSGA-II setting).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eta"/> is negative or not finite.</exception>
    public PolynomialMutation(double eta = 20)
    {
        if (!(eta >= 0 && double.IsFinite(eta)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(eta), eta, string.Create(CultureInfo.InvariantCulture, $"eta must be a finite number >= 0, but got {eta}."));
        }

        Eta = eta;
    }

    /// <summary>The distribution index: larger values make smaller steps.</summary>
    public double Eta { get; }

    /// <inheritdoc/>
    public double Mutate(double value, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var y = Math.Clamp(value, 0, 1);
        var u = random.NextDouble();
        var power = 1.0 / (Eta + 1);
        double step;
        if (u < 0.5)
        {
            var rest = Math.Pow(1 - y, Eta + 1);
            step = Math.Pow((2 * u) + ((1 - (2 * u)) * rest), power) - 1;
        }
        else
        {
            var rest = Math.Pow(y, Eta + 1);
            step = 1 - Math.Pow((2 * (1 - u)) + (2 * (u - 0.5) * rest), power);
        }

        return Math.Clamp(y + step, 0, 1);
    }
}
