using System.Globalization;
using System.Text;

namespace Attune;

/// <summary>
/// A parameter that takes one of a fixed list of <see cref="Choices"/>: strings, numbers, booleans,
/// enum values or <see langword="null"/>. Its internal representation is the index of the choice.
/// </summary>
public sealed record CategoricalDistribution : Distribution
{
    private readonly object?[] choices;

    /// <summary>Creates a categorical distribution and validates its choices.</summary>
    /// <param name="choices">The choices, in order; at least one.</param>
    /// <exception cref="ArgumentException">The list is empty, or a choice is not a string, number, boolean, enum value or null.</exception>
    public CategoricalDistribution(IReadOnlyList<object?> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0)
        {
            throw new ArgumentException("choices must contain at least one element, but got an empty list.", nameof(choices));
        }

        this.choices = new object?[choices.Count];
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            if (!IsSupportedChoice(choice))
            {
                throw new ArgumentException(
                    $"Choice {i} is {FloatDistribution.Describe(choice)}; choices must be strings, numbers, booleans, enum values or null.",
                    nameof(choices));
            }

            this.choices[i] = choice;
        }
    }

    /// <summary>The choices, in order.</summary>
    public IReadOnlyList<object?> Choices => choices;

    /// <inheritdoc/>
    public override bool IsSingle => choices.Length == 1;

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue)
    {
        var index = (int)internalValue;
        if (index != internalValue || index < 0 || index >= choices.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(internalValue), internalValue, $"A categorical index must be a whole number in [0, {choices.Length - 1}].");
        }

        return choices[index];
    }

    /// <inheritdoc/>
    public override double ToInternal(object? externalValue)
    {
        var index = IndexOf(externalValue);
        return index >= 0
            ? index
            : throw new ArgumentException(
                $"{FloatDistribution.Describe(externalValue)} is not one of the choices {FormatChoices()}.", nameof(externalValue));
    }

    /// <summary>The index of a choice equal to <paramref name="value"/>, or -1.</summary>
    /// <param name="value">A value; numbers compare by value, enums by name.</param>
    /// <returns>The index, or -1 when no choice is equal.</returns>
    public int IndexOf(object? value)
    {
        var key = Canonical(value);
        for (var i = 0; i < choices.Length; i++)
        {
            if (Equals(Canonical(choices[i]), key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override bool Contains(double internalValue) =>
        internalValue == Math.Round(internalValue) && internalValue >= 0 && internalValue < choices.Length;

    /// <summary>Whether two distributions have the same choices in the same order (numbers by value, enums by name).</summary>
    /// <param name="other">The other distribution.</param>
    /// <returns><see langword="true"/> when the choices agree.</returns>
    public bool HasSameChoices(CategoricalDistribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.choices.Length != choices.Length)
        {
            return false;
        }

        for (var i = 0; i < choices.Length; i++)
        {
            if (!Equals(Canonical(choices[i]), Canonical(other.choices[i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public bool Equals(CategoricalDistribution? other) => other is not null && HasSameChoices(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var choice in choices)
        {
            hash.Add(Canonical(choice));
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => $"CategoricalDistribution(choices={FormatChoices()})";

    /// <summary>
    /// The value a choice is compared and stored by: numbers as <see cref="double"/>, enums by name,
    /// strings, booleans and null as they are.
    /// </summary>
    internal static object? Canonical(object? value) => value switch
    {
        null => null,
        string or bool => value,
        Enum e => e.ToString(),
        double d => d,
        float f => (double)f,
        int i => (double)i,
        long l => (double)l,
        short s => (double)s,
        byte b => (double)b,
        sbyte sb => (double)sb,
        uint ui => (double)ui,
        ulong ul => (double)ul,
        ushort us => (double)us,
        decimal m => (double)m,
        _ => value,
    };

    private static bool IsSupportedChoice(object? value) => value switch
    {
        null or string or bool or Enum => true,
        double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal => true,
        _ => false,
    };

    private string FormatChoices()
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < choices.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(choices[i] switch
            {
                null => "null",
                string s => $"\"{s}\"",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            });
        }

        return builder.Append(']').ToString();
    }
}
