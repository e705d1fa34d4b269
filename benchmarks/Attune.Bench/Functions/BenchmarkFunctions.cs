namespace Attune.Bench.Functions;

/// <summary>
/// The benchmark functions by id: the PUBLIC set of shared/bench/FUNCTIONS.md (<see cref="All"/>) and the
/// multi-objective problems that extend it (<see cref="Extended"/>, docs/benchmark-suite.md).
/// </summary>
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

    /// <summary>The multi-objective problems beyond FUNCTIONS.md: ZDT3, ZDT4, ZDT6 and DTLZ1–DTLZ4 (three objectives).</summary>
    public static IReadOnlyList<BenchmarkFunction> Extended { get; } =
    [
        new Zdt(3),
        new Zdt(4),
        new Zdt(6),
        new Dtlz(1),
        new Dtlz(2),
        new Dtlz(3),
        new Dtlz(4),
    ];

    /// <summary>The function with the given id, from <see cref="All"/> or <see cref="Extended"/>.</summary>
    /// <param name="id">The id, e.g. <c>branin</c> (case-insensitive).</param>
    /// <returns>The function.</returns>
    /// <exception cref="ArgumentException">No function has that id.</exception>
    public static BenchmarkFunction Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var function in All.Concat(Extended))
        {
            if (string.Equals(function.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return function;
            }
        }

        throw new ArgumentException($"Unknown function '{id}'; known: {string.Join(", ", All.Concat(Extended).Select(f => f.Id))}.", nameof(id));
    }
}
