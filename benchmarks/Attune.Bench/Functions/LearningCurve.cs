namespace Attune.Bench.Functions;

/// <summary>
/// learning_curve: a simulated training run of <see cref="Steps"/> steps. Each trial reports
/// y(x, t) for t = 1 … 100 with <see cref="Trial.Report"/> and asks <see cref="Trial.ShouldPrune"/>
/// after each report (throwing <see cref="TrialPrunedException"/> when told to stop); its value is
/// y(x, 100). Optimum of the final value 0.10523299039453655 at lr = 0.012832341399670526,
/// width = 122, dropout = 0.25, optimizer = adam.
/// </summary>
public sealed class LearningCurve : BenchmarkFunction
{
    /// <summary>The number of training steps.</summary>
    public const int Steps = 100;

    /// <summary>The choices of <c>optimizer</c>, in the documented order.</summary>
    public static readonly IReadOnlyList<string> OptimizerChoices = ["sgd", "adam"];

    /// <inheritdoc/>
    public override string Id => "learning_curve";

    /// <inheritdoc/>
    public override double? Optimum => 0.10523299039453655;

    /// <inheritdoc/>
    public override int IntermediateSteps => Steps;

    /// <inheritdoc/>
    public override string SpaceDescription =>
        "lr float[1e-4, 1] log, width int[8, 512] log, dropout float[0, 0.5], optimizer cat{sgd, adam}; 100 intermediate steps";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?>? OptimalParams => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["lr"] = 0.012832341399670526,
        ["width"] = 122,
        ["dropout"] = 0.25,
        ["optimizer"] = "adam",
    };

    /// <summary>The curve's floor (its limit as t → ∞).</summary>
    /// <param name="lr">The learning rate.</param>
    /// <param name="width">The width.</param>
    /// <param name="dropout">The dropout.</param>
    /// <param name="optimizer">"sgd" or "adam".</param>
    /// <returns>The floor.</returns>
    public static double Floor(double lr, int width, double dropout, string optimizer)
    {
        var sgd = IsSgd(optimizer);
        var a = Math.Log10(lr) + 2;
        var w = Math.Log2(width) - 7;
        var d = dropout - 0.25;
        return 0.1 + (0.15 * a * a) + (0.03 * w * w) + (0.5 * d * d) + (sgd ? 0.05 : 0);
    }

    /// <summary>The curve's time constant.</summary>
    /// <param name="lr">The learning rate.</param>
    /// <param name="width">The width.</param>
    /// <param name="optimizer">"sgd" or "adam".</param>
    /// <returns>tau.</returns>
    public static double Tau(double lr, int width, string optimizer)
    {
        var a = Math.Log10(lr) + 2;
        var w = Math.Log2(width) - 7;
        return 20 * Math.Pow(10, -0.7 * a) * Math.Pow(2, 0.3 * w) * (IsSgd(optimizer) ? 1.5 : 1.0);
    }

    /// <summary>The value y(x, t) at step <paramref name="step"/>.</summary>
    /// <param name="lr">The learning rate.</param>
    /// <param name="width">The width.</param>
    /// <param name="dropout">The dropout.</param>
    /// <param name="optimizer">"sgd" or "adam".</param>
    /// <param name="step">The step t (1 … 100).</param>
    /// <returns>The value.</returns>
    public static double Value(double lr, int width, double dropout, string optimizer, int step)
    {
        var floor = Floor(lr, width, dropout, optimizer);
        return floor + ((1.5 - floor) * Math.Exp(-step / Tau(lr, width, optimizer)));
    }

    /// <inheritdoc/>
    public override double[] Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var lr = trial.SuggestFloat("lr", 1e-4, 1, log: true);
        var width = trial.SuggestInt("width", 8, 512, log: true);
        var dropout = trial.SuggestFloat("dropout", 0, 0.5);
        var optimizer = trial.SuggestCategorical("optimizer", OptimizerChoices);
        var floor = Floor(lr, width, dropout, optimizer);
        var tau = Tau(lr, width, optimizer);
        var y = 0.0;
        for (var t = 1; t <= Steps; t++)
        {
            y = floor + ((1.5 - floor) * Math.Exp(-t / tau));
            trial.Report(y, t);
            if (trial.ShouldPrune())
            {
                throw new TrialPrunedException();
            }
        }

        return [y];
    }

    private static bool IsSgd(string optimizer) => optimizer switch
    {
        "sgd" => true,
        "adam" => false,
        _ => throw new ArgumentException($"optimizer must be sgd or adam, but got '{optimizer}'.", nameof(optimizer)),
    };
}
