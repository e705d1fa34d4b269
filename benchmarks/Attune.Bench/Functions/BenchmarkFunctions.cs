namespace Attune.Bench.Functions;

/// <summary>The PUBLIC benchmark functions of shared/bench/FUNCTIONS.md, by id.</summary>
public static class BenchmarkFunctions
{
    /// <summary>Every function, in the order of FUNCTIONS.md's summary table.</summary>
    public static IReadOnlyList<BenchmarkFunction> All { get; } =
    [
        new Branin(),
        new Hartmann6(),
        new Rosenbrock(),
        new Ackley(),
        new StyblinskiTang(),
        new Levy(),
        new Mixed8(),
        new Conditional(),
        new Zdt(1),
        new Zdt(2),
        new LearningCurve(),
    ];

    /// <summary>The function with the given id.</summary>
    /// <param name="id">The id, e.g. <c>branin</c> (case-insensitive).</param>
    /// <returns>The function.</returns>
    /// <exception cref="ArgumentException">No function has that id.</exception>
    public static BenchmarkFunction Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var function in All)
        {
            if (string.Equals(function.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return function;
            }
        }

        throw new ArgumentException($"Unknown function '{id}'; known: {string.Join(", ", All.Select(f => f.Id))}.", nameof(id));
    }
}
