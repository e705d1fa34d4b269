using Attune.Randomness;

namespace Attune.Pbt;

/// <summary>
/// The hyperparameters population-based training explores, with their ranges and explore rules. Build it with the
/// <c>Add…</c> methods, e.g. <c>new PbtSearchSpace().AddFloat("lr", 1e-4, 1, log: true).AddCategorical("batch", [32, 64, 128])</c>.
/// </summary>
public sealed class PbtSearchSpace
{
    private readonly List<PbtParameter> parameters = [];

    /// <summary>The hyperparameters, in the order they were added.</summary>
    public IReadOnlyList<PbtParameter> Parameters => parameters;

    /// <summary>Adds a floating-point hyperparameter in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="name">The name.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <param name="log">Sample initial and resampled values uniformly in log space (bounds must be positive). Default <see langword="false"/>.</param>
    /// <param name="explore">A custom explore rule for this hyperparameter; default the built-in perturbation.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentException">The name is empty or taken, or the bounds are invalid.</exception>
    public PbtSearchSpace AddFloat(string name, double low, double high, bool log = false, Func<object?, SeededRandom, object?>? explore = null) =>
        Add(name, () => new FloatDistribution(low, high, log), explore);

    /// <summary>Adds an integer hyperparameter in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="name">The name.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <param name="log">Sample initial and resampled values uniformly in log space (bounds must be positive). Default <see langword="false"/>.</param>
    /// <param name="explore">A custom explore rule for this hyperparameter; default the built-in perturbation.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentException">The name is empty or taken, or the bounds are invalid.</exception>
    public PbtSearchSpace AddInt(string name, int low, int high, bool log = false, Func<object?, SeededRandom, object?>? explore = null) =>
        Add(name, () => new IntDistribution(low, high, log), explore);

    /// <summary>Adds a categorical hyperparameter. The built-in perturbation moves to a neighbouring choice in list order.</summary>
    /// <typeparam name="T">The type of the choices (null, bool, number or string).</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="choices">The choices, at least one.</param>
    /// <param name="explore">A custom explore rule for this hyperparameter; default the built-in perturbation.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentException">The name is empty or taken, or the choices are invalid.</exception>
    public PbtSearchSpace AddCategorical<T>(string name, IReadOnlyList<T> choices, Func<object?, SeededRandom, object?>? explore = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return Add(name, () => new CategoricalDistribution(choices.Cast<object?>().ToArray()), explore);
    }

    /// <summary>Adds a hyperparameter with any distribution.</summary>
    /// <param name="parameter">The hyperparameter.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentException">The name is empty or taken, or the distribution is not a float, int or categorical distribution.</exception>
    public PbtSearchSpace Add(PbtParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentException.ThrowIfNullOrEmpty(parameter.Name, nameof(parameter));
        ArgumentNullException.ThrowIfNull(parameter.Distribution, nameof(parameter));
        if (parameter.Distribution is not (FloatDistribution or IntDistribution or CategoricalDistribution))
        {
            throw new ArgumentException(
                $"Hyperparameter '{parameter.Name}' has a {parameter.Distribution.GetType().Name}; use a FloatDistribution, IntDistribution or CategoricalDistribution.",
                nameof(parameter));
        }

        if (parameters.Any(p => p.Name == parameter.Name))
        {
            throw new ArgumentException($"The search space already has a hyperparameter named '{parameter.Name}'.", nameof(parameter));
        }

        parameters.Add(parameter);
        return this;
    }

    /// <summary>The distributions by name.</summary>
    /// <returns>A new dictionary.</returns>
    public IReadOnlyDictionary<string, Distribution> Distributions() =>
        parameters.ToDictionary(p => p.Name, p => p.Distribution, StringComparer.Ordinal);

    private PbtSearchSpace Add(string name, Func<Distribution> create, Func<object?, SeededRandom, object?>? explore)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Distribution distribution;
        try
        {
            distribution = create();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Hyperparameter '{name}': {e.Message}", name, e);
        }

        return Add(new PbtParameter(name, distribution, explore));
    }
}
