using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Attune.Pbt;

/// <summary>The hyperparameters in force for a segment of training, by name (external values: double, long, or a categorical choice).</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after what it holds, like Trial.Params.")]
public sealed class PbtHyperparameters : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> values;

    /// <summary>Creates a set of hyperparameters.</summary>
    /// <param name="values">The values by name.</param>
    public PbtHyperparameters(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        this.values = new Dictionary<string, object?>(values, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public int Count => values.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => values.Keys;

    /// <inheritdoc/>
    public IEnumerable<object?> Values => values.Values;

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No hyperparameter has that name.</exception>
    public object? this[string key] => values.TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"No hyperparameter '{key}'; the search space has [{string.Join(", ", values.Keys)}].");

    /// <summary>A numeric hyperparameter as a double.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No hyperparameter has that name.</exception>
    /// <exception cref="InvalidCastException">The value is not a number.</exception>
    public double GetDouble(string name) => this[name] switch
    {
        double d => d,
        long l => l,
        int i => i,
        var other => throw new InvalidCastException($"Hyperparameter '{name}' is {Describe(other)}, not a number."),
    };

    /// <summary>An integer hyperparameter.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No hyperparameter has that name.</exception>
    /// <exception cref="InvalidCastException">The value is not a whole number.</exception>
    public int GetInt(string name) => this[name] switch
    {
        long l => checked((int)l),
        int i => i,
        double d when d == Math.Floor(d) => checked((int)d),
        var other => throw new InvalidCastException($"Hyperparameter '{name}' is {Describe(other)}, not a whole number."),
    };

    /// <summary>A hyperparameter of any type (e.g. a categorical choice).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="name">Its name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No hyperparameter has that name.</exception>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(string name) => this[name] is T value
        ? value
        : throw new InvalidCastException($"Hyperparameter '{name}' is {Describe(this[name])}, not a {typeof(T).Name}.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value) => values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The hyperparameters as <c>{name: value, ...}</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        "{" + string.Join(", ", values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {Convert.ToString(p.Value, CultureInfo.InvariantCulture)}")) + "}";

    private static string Describe(object? value) => value is null ? "null" : $"{Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name})";
}
