using Attune.Importances;

namespace Attune.Tests.Importances;

public class PedAnovaImportanceEvaluatorTests
{
    [Fact]
    public void Ranks_an_additive_function_by_effect_size()
    {
        var importances = new PedAnovaImportanceEvaluator().Evaluate(ImportanceStudies.Additive(1000));

        Assert.Equal(["x1", "x2", "x3"], importances.Keys);
        Assert.True(importances["x1"] > 0.6, string.Join(", ", importances));
        Assert.True(importances["x3"] < 0.03, string.Join(", ", importances));
    }

    [Fact]
    public void Top_quantile_follows_the_direction()
    {
        // Maximizing 3·x1 + x2 puts the top trials at large x1: the ranking is the same.
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        foreach (var trial in ImportanceStudies.Additive(500).Trials)
        {
            study.AddTrial(trial with { TrialId = -1 });
        }

        var importances = new PedAnovaImportanceEvaluator().Evaluate(study);

        Assert.Equal(["x1", "x2", "x3"], importances.Keys);
    }

    [Fact]
    public void Global_baseline_ranks_the_same()
    {
        var evaluator = new PedAnovaImportanceEvaluator(new PedAnovaImportanceEvaluatorOptions { EvaluateOnLocal = false, BaselineQuantile = 0.2 });

        var importances = evaluator.Evaluate(ImportanceStudies.Additive(600));

        Assert.Equal(["x1", "x2", "x3"], importances.Keys);
    }

    [Fact]
    public void Categorical_and_conditional_parameters_are_evaluated()
    {
        // f = [0, 3, 3][c] + 0.1·x: the best 30 % of trials are those with c = a, spread over all x.
        var categorical = new PedAnovaImportanceEvaluator(new PedAnovaImportanceEvaluatorOptions { BaselineQuantile = 0.3 })
            .Evaluate(ImportanceStudies.CategoricalPlusFloat(500, levels: [0, 3, 3], slope: 0.1));
        var conditional = new PedAnovaImportanceEvaluator().Evaluate(ImportanceStudies.Conditional(500));

        Assert.Equal("c", categorical.Keys.First());
        Assert.True(conditional["noise"] < 0.05, string.Join(", ", conditional));
        Assert.True(conditional["xa"] > conditional["noise"], string.Join(", ", conditional));
    }

    [Fact]
    public void Is_deterministic()
    {
        var study = ImportanceStudies.Additive(200);

        Assert.Equal(new PedAnovaImportanceEvaluator().Evaluate(study), new PedAnovaImportanceEvaluator().Evaluate(study));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Rejects_a_quantile_out_of_range(double quantile)
    {
        var e = Assert.Throws<ArgumentException>(() => new PedAnovaImportanceEvaluator(new PedAnovaImportanceEvaluatorOptions { BaselineQuantile = quantile }));
        Assert.Contains("BaselineQuantile", e.Message, StringComparison.Ordinal);
    }
}
