using Attune.Importances;

namespace Attune.Tests.Importances;

public class ImportanceTests
{
    [Fact]
    public void Defaults_to_ped_anova()
    {
        var study = ImportanceStudies.Additive(300);

        Assert.Equal(new PedAnovaImportanceEvaluator().Evaluate(study), Importance.Evaluate(study));
    }

    [Fact]
    public void A_study_without_complete_trials_is_an_error()
    {
        var study = Study.Create();
        study.AddTrial(ImportanceStudies.Record(1, ("x", 0.5, new FloatDistribution(0, 1))) with { State = TrialState.Fail, Values = null });

        var e = Assert.Throws<ArgumentException>(() => Importance.Evaluate(study));
        Assert.Contains("no complete trials", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Importance.Evaluate(Study.Create(), new FanovaImportanceEvaluator()));
    }

    [Fact]
    public void An_unknown_parameter_is_an_error_that_names_it()
    {
        var e = Assert.Throws<ArgumentException>(() => Importance.Evaluate(ImportanceStudies.Additive(20), parameters: ["x1", "y"]));

        Assert.Contains("'y'", e.Message, StringComparison.Ordinal);
        Assert.Contains("x1, x2, x3", e.Message, StringComparison.Ordinal);
        Assert.Equal("parameters", e.ParamName);
    }

    [Fact]
    public void A_multi_objective_study_needs_a_target()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        var unit = new FloatDistribution(0, 1);
        for (var i = 0; i < 30; i++)
        {
            var a = i / 30.0;
            var b = ((i * 7) % 30) / 30.0;
            study.AddTrial(ImportanceStudies.Record(0, ("a", a, unit), ("b", b, unit)) with { Values = [a, b] });
        }

        var e = Assert.Throws<ArgumentException>(() => Importance.Evaluate(study, new FanovaImportanceEvaluator()));
        Assert.Contains("2 objectives", e.Message, StringComparison.Ordinal);
        Assert.Equal("target", e.ParamName);

        var first = Importance.Evaluate(study, new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = 1 }), target: t => t.Values![0]);
        var second = Importance.Evaluate(study, new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = 1 }), target: t => t.Values![1]);
        Assert.Equal("a", first.Keys.First());
        Assert.Equal("b", second.Keys.First());
    }

    [Fact]
    public void Trials_with_a_non_finite_target_are_left_out()
    {
        var study = ImportanceStudies.Additive(200);

        var importances = Importance.Evaluate(study, new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = 2 }),
            target: t => t.Number % 10 == 0 ? double.PositiveInfinity : t.Value!.Value);

        Assert.Equal("x1", importances.Keys.First());
    }

    [Fact]
    public void A_range_that_changed_between_trials_is_merged()
    {
        var study = Study.Create();
        for (var i = 0; i < 100; i++)
        {
            var x = i / 100.0;
            var distribution = i % 2 == 0 ? new FloatDistribution(0, 1) : new FloatDistribution(0, 2);
            study.AddTrial(ImportanceStudies.Record(x, ("x", x, distribution), ("y", (i * 37 % 100) / 100.0, new FloatDistribution(0, 1))));
        }

        var importances = Importance.Evaluate(study, new FanovaImportanceEvaluator(new FanovaImportanceEvaluatorOptions { Seed = 2 }));

        Assert.Equal("x", importances.Keys.First());
    }
}
