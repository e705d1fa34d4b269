using System.Globalization;
using Attune.Randomness;

namespace Attune.Pbt;

/// <summary>Initial sampling and the random-perturbation explore of population-based training, on internal values.</summary>
internal static class PbtPerturbation
{
    /// <summary>A value drawn from a hyperparameter's whole range (uniform, or log-uniform for log ranges).</summary>
    /// <param name="distribution">The range.</param>
    /// <param name="rng">The random stream.</param>
    /// <returns>The internal value.</returns>
    public static double Sample(Distribution distribution, SeededRandom rng)
    {
        switch (distribution)
        {
            case FloatDistribution f when f.Log:
                return Math.Clamp(Math.Exp(rng.NextDouble(Math.Log(f.Low), Math.Log(f.High))), f.Low, f.High);
            case FloatDistribution f:
                return rng.NextDouble(f.Low, f.High);
            case IntDistribution i when i.Log:
                var logged = Math.Exp(rng.NextDouble(Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5)));
                return Math.Clamp(Math.Round(logged), i.Low, i.High);
            case IntDistribution i:
                return i.Low + (rng.NextInt64(i.Count) * i.Step);
            case CategoricalDistribution c:
                return rng.NextInt32(c.Choices.Count);
            default:
                throw new ArgumentException($"Unsupported distribution {distribution}.", nameof(distribution));
        }
    }

    /// <summary>Explores hyperparameters: resample or perturb each one, then apply the options' custom explore.</summary>
    /// <param name="values">The hyperparameters to explore from (external values).</param>
    /// <param name="space">The search space.</param>
    /// <param name="options">The options.</param>
    /// <param name="rng">The random stream.</param>
    /// <returns>The new hyperparameters (external values).</returns>
    /// <exception cref="InvalidOperationException">A custom explore returned a value outside its range.</exception>
    public static Dictionary<string, object?> Explore(PbtHyperparameters values, PbtSearchSpace space, PbtOptions options, SeededRandom rng)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
        {
            var current = values[parameter.Name];
            if (parameter.Explore is { } custom)
            {
                result[parameter.Name] = Checked(parameter, custom(current, rng), "its explore function");
                continue;
            }

            var distribution = parameter.Distribution;
            var internalValue = rng.NextDouble() < options.ResampleProbability
                ? Sample(distribution, rng)
                : Perturb(distribution, distribution.ToInternal(current), options.PerturbationFactors, rng);
            result[parameter.Name] = distribution.ToExternal(internalValue);
        }

        if (options.CustomExplore is { } explore)
        {
            var custom = explore(new PbtHyperparameters(result), rng);
            foreach (var parameter in space.Parameters)
            {
                if (!custom.TryGetValue(parameter.Name, out var value))
                {
                    throw new InvalidOperationException($"PbtOptions.CustomExplore returned no value for hyperparameter '{parameter.Name}'.");
                }

                result[parameter.Name] = Checked(parameter, value, "PbtOptions.CustomExplore");
            }
        }

        return result;
    }

    /// <summary>Multiplies a number by a random factor (kept in range; integers move at least one), or moves a categorical to a neighbour.</summary>
    /// <param name="distribution">The range.</param>
    /// <param name="value">The internal value.</param>
    /// <param name="factors">The factors to draw from.</param>
    /// <param name="rng">The random stream.</param>
    /// <returns>The perturbed internal value.</returns>
    public static double Perturb(Distribution distribution, double value, IReadOnlyList<double> factors, SeededRandom rng)
    {
        var factor = factors[rng.NextInt32(factors.Count)];
        switch (distribution)
        {
            case FloatDistribution f:
                var scaled = Math.Clamp(value * factor, f.Low, f.High);
                if (f.Step is { } step)
                {
                    scaled = Math.Clamp(f.Low + (Math.Round((scaled - f.Low) / step) * step), f.Low, f.High);
                }

                return scaled;
            case IntDistribution i:
                var rounded = i.Low + (Math.Round(((value * factor) - i.Low) / i.Step) * i.Step);
                if (rounded == value && factor != 1)
                {
                    rounded = value + (factor > 1 ? i.Step : -i.Step);
                }

                return Math.Clamp(rounded, i.Low, i.High - ((i.High - i.Low) % i.Step));
            case CategoricalDistribution c:
                var moved = value + (rng.NextDouble() < 0.5 ? -1 : 1);
                return Math.Clamp(moved, 0, c.Choices.Count - 1);
            default:
                throw new ArgumentException($"Unsupported distribution {distribution}.", nameof(distribution));
        }
    }

    /// <summary>A value a user function produced, checked to lie in the hyperparameter's range.</summary>
    private static object? Checked(PbtParameter parameter, object? value, string source)
    {
        double internalValue;
        try
        {
            internalValue = parameter.Distribution.ToInternal(value);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or FormatException)
        {
            throw new InvalidOperationException(
                $"{source} returned {Convert.ToString(value, CultureInfo.InvariantCulture)} for hyperparameter '{parameter.Name}', which is not a value of {parameter.Distribution}.", e);
        }

        if (!parameter.Distribution.Contains(internalValue))
        {
            throw new InvalidOperationException(
                $"{source} returned {Convert.ToString(value, CultureInfo.InvariantCulture)} for hyperparameter '{parameter.Name}', outside {parameter.Distribution}.");
        }

        return parameter.Distribution.ToExternal(internalValue);
    }
}
