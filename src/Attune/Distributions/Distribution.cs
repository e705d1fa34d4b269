namespace Attune;

/// <summary>
/// The range a parameter is drawn from. Every distribution maps the user's value (the "external"
/// representation: a <see cref="double"/>, an <see cref="int"/>, or a categorical choice) to a
/// <see cref="double"/> "internal" representation that samplers and storage work with: the value
/// itself for numbers and the index of the choice for categoricals.
/// </summary>
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>Whether the distribution holds exactly one value.</summary>
    public abstract bool IsSingle { get; }

    /// <summary>Converts an internal value to the value the user sees.</summary>
    /// <param name="internalValue">The internal representation.</param>
    /// <returns>The external value (<see cref="double"/>, <see cref="int"/> or a categorical choice).</returns>
    public abstract object? ToExternal(double internalValue);

    /// <summary>Converts a user value to its internal representation.</summary>
    /// <param name="externalValue">The external value.</param>
    /// <returns>The internal representation.</returns>
    /// <exception cref="ArgumentException">The value cannot be represented by this distribution.</exception>
    public abstract double ToInternal(object? externalValue);

    /// <summary>Whether an internal value lies in the distribution (within its bounds and on its step grid).</summary>
    /// <param name="internalValue">The internal representation.</param>
    /// <returns><see langword="true"/> when the value can be drawn from this distribution.</returns>
    public abstract bool Contains(double internalValue);

    /// <summary>
    /// Throws when <paramref name="other"/> cannot be used for the same parameter name as this one:
    /// a different kind, a different log setting, or different categorical choices. Ranges may differ
    /// (dynamic search spaces).
    /// </summary>
    /// <param name="parameterName">The parameter's name, for the message.</param>
    /// <param name="other">The distribution newly suggested for the name.</param>
    /// <exception cref="ArgumentException">The two distributions are incompatible.</exception>
    public void EnsureCompatibleWith(string parameterName, Distribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (GetType() != other.GetType())
        {
            throw new ArgumentException(
                $"Parameter '{parameterName}' was suggested as {other} but earlier trials of this study suggested it as {this}; " +
                "a parameter name must keep the same kind of distribution throughout a study.",
                nameof(other));
        }

        switch (this)
        {
            case FloatDistribution f when f.Log != ((FloatDistribution)other).Log:
            case IntDistribution i when i.Log != ((IntDistribution)other).Log:
                throw new ArgumentException(
                    $"Parameter '{parameterName}' was suggested as {other} but earlier trials of this study suggested it as {this}; " +
                    "the log setting of a parameter must not change within a study.",
                    nameof(other));
            case CategoricalDistribution c when !c.HasSameChoices((CategoricalDistribution)other):
                throw new ArgumentException(
                    $"Parameter '{parameterName}' was suggested as {other} but earlier trials of this study suggested it as {this}; " +
                    "the choices of a categorical parameter must not change within a study.",
                    nameof(other));
        }
    }
}
