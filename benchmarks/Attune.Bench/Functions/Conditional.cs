namespace Attune.Bench.Functions;

/// <summary>
/// conditional: a tree-structured space. <c>model</c> ∈ {svm, gbt} decides which children exist:
/// svm_C, svm_gamma, svm_kernel or gbt_max_depth, gbt_lr, gbt_n_estimators, gbt_subsample.
/// f* = 0 on the gbt branch (max_depth 6, lr 0.05, n_estimators 200, subsample 0.8); the svm branch's
/// best is 0.2 (a wider, decoy basin).
/// </summary>
public sealed class Conditional : BenchmarkFunction
{
    /// <summary>The choices of <c>model</c>, in the documented order.</summary>
    public static readonly IReadOnlyList<string> ModelChoices = ["svm", "gbt"];

    /// <summary>The choices of <c>svm_kernel</c>, in the documented order.</summary>
    public static readonly IReadOnlyList<string> KernelChoices = ["rbf", "poly", "sigmoid"];

    private static readonly double Log10Of005 = Math.Log10(0.05);

    /// <inheritdoc/>
    public override string Id => "conditional";

    /// <inheritdoc/>
    public override double? Optimum => 0;

    /// <inheritdoc/>
    public override string SpaceDescription =>
        "model cat{svm, gbt}; svm: svm_C float[1e-3, 1e3] log, svm_gamma float[1e-5, 10] log, svm_kernel cat{rbf, poly, sigmoid}; "
        + "gbt: gbt_max_depth int[1, 16], gbt_lr float[1e-3, 1] log, gbt_n_estimators int[10, 1000] log, gbt_subsample float[0.3, 1]";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?>? OptimalParams => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["model"] = "gbt",
        ["gbt_max_depth"] = 6,
        ["gbt_lr"] = 0.05,
        ["gbt_n_estimators"] = 200,
        ["gbt_subsample"] = 0.8,
    };

    /// <summary>The value on the svm branch.</summary>
    /// <param name="c">svm_C in [1e-3, 1e3].</param>
    /// <param name="gamma">svm_gamma in [1e-5, 10].</param>
    /// <param name="kernel">One of <see cref="KernelChoices"/>.</param>
    /// <returns>The value.</returns>
    public static double SvmValue(double c, double gamma, string kernel)
    {
        var k = kernel switch
        {
            "rbf" => 0.0,
            "poly" => 0.15,
            "sigmoid" => 0.4,
            _ => throw new ArgumentException($"svm_kernel must be one of rbf, poly, sigmoid, but got '{kernel}'.", nameof(kernel)),
        };
        var u = Math.Log10(c) - 1.5;
        var v = Math.Log10(gamma) + 2.5;
        return 0.2 + (0.25 * (u + v) * (u + v)) + (0.05 * (u - v) * (u - v)) + k;
    }

    /// <summary>The value on the gbt branch.</summary>
    /// <param name="maxDepth">gbt_max_depth in [1, 16].</param>
    /// <param name="learningRate">gbt_lr in [1e-3, 1].</param>
    /// <param name="estimators">gbt_n_estimators in [10, 1000].</param>
    /// <param name="subsample">gbt_subsample in [0.3, 1].</param>
    /// <returns>The value.</returns>
    public static double GbtValue(int maxDepth, double learningRate, int estimators, double subsample)
    {
        var q1 = Math.Log10(learningRate) + Math.Log10(estimators) - 1;
        var q2 = Math.Log10(learningRate) - Log10Of005;
        var depth = (maxDepth - 6) / 3.0;
        var sub = subsample - 0.8;
        return (depth * depth) + (0.5 * q1 * q1) + (0.1 * q2 * q2) + (2 * sub * sub);
    }

    /// <inheritdoc/>
    public override double[] Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var model = trial.SuggestCategorical("model", ModelChoices);
        if (model == "svm")
        {
            var c = trial.SuggestFloat("svm_C", 1e-3, 1e3, log: true);
            var gamma = trial.SuggestFloat("svm_gamma", 1e-5, 10, log: true);
            var kernel = trial.SuggestCategorical("svm_kernel", KernelChoices);
            return [SvmValue(c, gamma, kernel)];
        }

        var maxDepth = trial.SuggestInt("gbt_max_depth", 1, 16);
        var learningRate = trial.SuggestFloat("gbt_lr", 1e-3, 1, log: true);
        var estimators = trial.SuggestInt("gbt_n_estimators", 10, 1000, log: true);
        var subsample = trial.SuggestFloat("gbt_subsample", 0.3, 1.0);
        return [GbtValue(maxDepth, learningRate, estimators, subsample)];
    }
}
