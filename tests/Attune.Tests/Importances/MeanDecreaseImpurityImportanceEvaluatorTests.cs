using Attune.Importances;

namespace Attune.Tests.Importances;

public class MeanDecreaseImpurityImportanceEvaluatorTests
{
    private static readonly MeanDecreaseImpurityImportanceEvaluator Seeded = new(new MeanDecreaseImpurityImportanceEvaluatorOptions { Seed = 5 });

    [Fact]
    public void Ranks_an_additive_function_by_effect_size()
    {
        var importances = Seeded.Evaluate(ImportanceStudies.Additive(1000));

        Assert.Equal(["x1", "x2", "x3"], importances.Keys);
        Assert.InRange(importances["x1"], 0.8, 0.95);
        Assert.InRange(importances["x3"], 0, 0.03);
    }

    [Fact]
    public void Is_deterministic_for_a_seed()
    {
        var study = ImportanceStudies.CategoricalPlusFloat(200);

        Assert.Equal(Seeded.Evaluate(study), new MeanDecreaseImpurityImportanceEvaluator(new MeanDecreaseImpurityImportanceEvaluatorOptions { Seed = 5 }).Evaluate(study));
        Assert.Equal("c", Seeded.Evaluate(study).Keys.First());
    }
}
