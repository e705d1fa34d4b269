using Attune.Importances;
using Attune.Storage.InMemory;

namespace Attune.Visualization.Tests;

/// <summary>The importances figure of a study: evaluated importances, most important on top.</summary>
public sealed class ParamImportancesTests
{
    /// <summary>
    /// 60 trials minimizing 10·width + 0.1·alpha + 0·kind over a grid: width dominates, though it sorts last by name.
    /// With <paramref name="objectives"/> = 2 the second objective is alpha alone.
    /// </summary>
    private static Study Dominant(int objectives = 1)
    {
        var study = Study.Create(new StudyOptions
        {
            Name = "dominant",
            Directions = objectives == 1 ? [StudyDirection.Minimize] : [StudyDirection.Minimize, StudyDirection.Minimize],
            StorageInstance = new InMemoryStorage(),
        });
        var unit = new FloatDistribution(0, 1);
        var kind = new CategoricalDistribution(["a", "b", "c"]);
        for (var i = 0; i < 60; i++)
        {
            var width = ((i * 7) % 60 + 0.5) / 60;
            var alpha = ((i * 13) % 60 + 0.5) / 60;
            var value = (10 * width) + (0.1 * alpha);
            study.AddTrial(new TrialRecord
            {
                State = TrialState.Complete,
                Values = objectives == 1 ? [value] : [value, alpha],
                Params = new Dictionary<string, object?> { ["alpha"] = alpha, ["kind"] = (i % 3) switch { 0 => "a", 1 => "b", _ => "c" }, ["width"] = width },
                Distributions = new Dictionary<string, Distribution> { ["alpha"] = unit, ["kind"] = kind, ["width"] = unit },
            });
        }

        return study;
    }

    public static TheoryData<string> Evaluators => ["ped-anova", "fanova", "mean-decrease-impurity"];

    [Theory]
    [MemberData(nameof(Evaluators))]
    public void The_dominant_parameter_is_the_top_bar(string name)
    {
        using var study = Dominant();
        ImportanceEvaluator evaluator = name switch
        {
            "ped-anova" => new PedAnovaImportanceEvaluator(),
            "fanova" => new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = 1 }),
            _ => new MeanDecreaseImpurityImportanceEvaluator(new MeanDecreaseImpurityImportanceEvaluatorOptions { Seed = 1 }),
        };
        var figure = Plots.ParamImportances(study, evaluator);

        var panel = Assert.Single(figure.Panels);
        var bars = Assert.IsType<BarSeries>(Assert.Single(panel.Series));
        Assert.Equal("param-importances", figure.Kind);
        Assert.True(bars.Horizontal);
        // Bars go bottom to top, so the last category is the top bar.
        Assert.Equal(3, panel.Y.Categories!.Count);
        Assert.Equal("width", panel.Y.Categories[^1]);
        Assert.Equal([0.0, 1, 2], bars.Positions);
        Assert.Equal(bars.Lengths.Max(), bars.Lengths[^1]);
        Assert.True(bars.Lengths[^1] > 0.8, string.Join(", ", bars.Lengths));
        Assert.True(bars.Lengths.Zip(bars.Lengths.Skip(1)).All(p => p.First <= p.Second));
        Assert.Equal(1, bars.Lengths.Sum(), 9);
    }

    [Fact]
    public void The_study_overload_draws_what_Importance_Evaluate_returns()
    {
        using var study = Dominant();
        var importances = Importance.Evaluate(study);
        var figure = Plots.ParamImportances(study);
        Assert.Equal(FigureJson.Serialize(Plots.ParamImportances(importances)), FigureJson.Serialize(figure));
        Assert.Equal("Hyperparameter Importance (Objective Value)", figure.Panels[0].X.Title);
    }

    [Fact]
    public void Parameters_target_and_target_name_are_passed_on()
    {
        using var study = Dominant(objectives: 2);
        var error = Assert.Throws<ArgumentException>(() => Plots.ParamImportances(study));
        Assert.Equal("target", error.ParamName);
        Assert.Contains("2 objectives", error.Message);

        var second = Plots.ParamImportances(study, parameters: ["alpha", "width"], target: t => t.Values![1], targetName: "Objective 1");
        Assert.Equal(["width", "alpha"], second.Panels[0].Y.Categories);
        Assert.Equal("Hyperparameter Importance (Objective 1)", second.Panels[0].X.Title);
        Assert.Equal("Objective 1", second.Panels[0].Series[0].Name);
        Assert.Throws<ArgumentException>(() => Plots.ParamImportances(study, parameters: ["depth"], target: t => t.Values![0]));
        Assert.Throws<ArgumentNullException>(() => Plots.ParamImportances((Study)null!));
    }
}
