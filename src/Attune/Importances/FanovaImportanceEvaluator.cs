namespace Attune.Importances;

/// <summary>
/// fANOVA importance (Hutter, Hoos and Leyton-Brown, ICML 2014), as Optuna's
/// <c>FanovaImportanceEvaluator</c>: a random forest is fitted to the trials, each tree's partition of
/// the search space is decomposed by functional ANOVA, and a parameter's importance is the share of
/// the tree's variance explained by its main effect, averaged over the trees and normalized.
/// </summary>
/// <remarks>
/// Parameters are coordinates in [0, 1] (log parameters in log space) under a uniform reference
/// measure; a categorical parameter's choices are ordered cells that the trees split between; a trial
/// lacking a parameter has a "missing" value, weighted by how often it occurs. Only main effects count
/// (interactions are left out, as in Optuna), so for a function of strongly interacting parameters the
/// shares describe the main effects only. Trees are grown in parallel; the result depends only on the
/// trials and <see cref="RandomForestImportanceOptions.Seed"/>.
/// </remarks>
public sealed class FanovaImportanceEvaluator : RandomForestImportanceEvaluator
{
    /// <summary>Creates the evaluator with the default options (64 trees of depth up to 64, a seed from the operating system's entropy).</summary>
    public FanovaImportanceEvaluator()
        : this(new FanovaImportanceEvaluatorOptions())
    {
    }

    /// <summary>Creates the evaluator.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it and its value).</exception>
    public FanovaImportanceEvaluator(FanovaImportanceEvaluatorOptions options)
        : base(options)
    {
    }

    private protected override double[] Compute(ImportanceData data)
    {
        var forest = Fit(data);
        var trees = forest.Trees;
        var perTree = new double[trees.Count][];
        Parallel.For(
            0,
            trees.Count,
            () => new FunctionalAnova(data.Columns),
            (t, _, anova) =>
            {
                perTree[t] = anova.Shares(trees[t]);
                return anova;
            },
            _ => { });

        var sum = new double[data.Columns.Count];
        foreach (var shares in perTree)
        {
            for (var j = 0; j < sum.Length; j++)
            {
                sum[j] += shares[j];
            }
        }

        return sum;
    }
}
