namespace Attune.Samplers;

/// <summary>
/// What a study keeps of <see cref="CmaEsSampler"/>: the search space, the CMA-ES search, and the
/// trials carried over into the current generation (trials of the previous generation that started
/// when all of its slots were taken; they fill the first slots of this one).
/// </summary>
/// <param name="Space">The search space.</param>
/// <param name="Search">The search.</param>
/// <param name="Reserved">The trial numbers that hold slots 0 … r − 1 of the current generation.</param>
internal sealed record CmaStudyState(CmaSpace Space, CmaSearch Search, IReadOnlyList<int> Reserved);
