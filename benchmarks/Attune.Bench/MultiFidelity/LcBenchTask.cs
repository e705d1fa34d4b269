namespace Attune.Bench.MultiFidelity;

/// <summary>An lcbench instance (an OpenML task) with its code in the surrogate and YAHPO's val_accuracy statistics.</summary>
/// <param name="Id">The OpenML task id, e.g. "167168".</param>
/// <param name="Code">The code of <c>OpenML_task_id</c> in encoding.json.</param>
/// <param name="Min">min_inst: the lowest val_accuracy (%) of 0.5 M random configurations.</param>
/// <param name="Max">max_inst: the highest.</param>
public sealed record LcBenchTask(string Id, int Code, double Min, double Max)
{
    /// <summary>The three public tasks of YAHPO's single-objective suite.</summary>
    public static readonly IReadOnlyList<string> PublicIds = ["167168", "189873", "189906"];

    /// <summary>Normalised regret (max − best) / (max − min); 1 when nothing has completed.</summary>
    /// <param name="best">The best val_accuracy (%), or NaN.</param>
    /// <returns>The regret.</returns>
    public double Regret(double best) => double.IsNaN(best) ? 1 : (Max - best) / (Max - Min);
}
