using Attune.Pruners;
using Attune.Samplers;

namespace Attune.Bench.MultiFidelity;

/// <summary>A sampler and a pruner, created fresh for each run.</summary>
/// <param name="Name">The name on the command line and in study names.</param>
/// <param name="Label">The row label; methods of Optuna's protocol start with its letter, e.g. "(d) Random + Hyperband(1,52,3)".</param>
/// <param name="Sampler">Creates the sampler from the run's seed.</param>
/// <param name="Pruner">Creates the pruner.</param>
public sealed record MultiFidelityMethod(string Name, string Label, Func<int, Sampler> Sampler, Func<Pruner> Pruner)
{
    /// <summary>The letter of Optuna's row with the same setup, or <see langword="null"/> for a method of our own.</summary>
    public string? OptunaLetter => Label.Length > 3 && Label[0] == '(' && Label[2] == ')' ? Label[..3] : null;
}
