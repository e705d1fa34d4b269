using Attune.Randomness;

namespace Attune.Pbt;

/// <summary>One hyperparameter that population-based training explores: its range and, optionally, its own explore rule.</summary>
/// <param name="Name">The name, as it appears in the study's trial parameters.</param>
/// <param name="Distribution">The range: a <see cref="FloatDistribution"/>, <see cref="IntDistribution"/> or <see cref="CategoricalDistribution"/>.</param>
/// <param name="Explore">
/// A custom explore rule: given the value to perturb (external form) and a seeded random stream, the new value, which
/// must lie in <paramref name="Distribution"/>. <see langword="null"/> for the built-in rule of <see cref="PbtOptions"/>.
/// </param>
public sealed record PbtParameter(string Name, Distribution Distribution, Func<object?, SeededRandom, object?>? Explore = null);
